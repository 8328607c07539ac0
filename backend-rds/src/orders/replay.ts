import { HttpError } from '@bookstore/common';
import { setTimeout as sleep } from 'node:timers/promises';
import type { PrismaClient } from '../db/client';
import { orderInclude, toOrderView, type OrderRow, type OrderView } from './mapper';
import { paymentFailureError } from './payment-errors';

/** How often a duplicate checkout looks whether the first one has settled. */
const SETTLE_POLL_MS = 50;

/**
 * The answer to a checkout whose idempotency key already holds an order: that order (200)
 * when the body is the same, 409 idempotency_key_reused when not. While the first attempt
 * is still charging, the duplicate never reaches the card: it waits up to `replayWaitMs`
 * for the outcome and answers with it (the order, or the same 402/503 the first got), else
 * 409 order_in_progress with Retry-After. Null when the key holds no order (any more: a
 * failed attempt frees it).
 */
export async function replayIdempotencyKey(
  deps: { db: PrismaClient; replayWaitMs: number },
  userId: number,
  idempotencyKey: string,
  requestHash: string,
): Promise<OrderView | null> {
  const earlier = await deps.db.order.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey } },
    include: orderInclude,
  });
  if (!earlier) return null;
  if (earlier.requestHash !== requestHash) {
    throw new HttpError(409, 'idempotency_key_reused', 'This idempotency key was already used for a different order', {
      orderId: earlier.id,
    });
  }
  const settled = earlier.status === 'pending' ? await waitWhilePending(deps, earlier) : earlier;
  if (settled.status === 'pending') {
    throw new HttpError(
      409,
      'order_in_progress',
      'This order is still being placed: ask again shortly for its outcome',
      { orderId: earlier.id },
      { 'Retry-After': '1' },
    );
  }
  if (settled.status === 'payment_failed') throw paymentFailureError(settled.paymentFailure);
  return toOrderView(settled);
}

async function waitWhilePending(deps: { db: PrismaClient; replayWaitMs: number }, order: OrderRow): Promise<OrderRow> {
  const deadline = Date.now() + deps.replayWaitMs;
  let current = order;
  while (current.status === 'pending' && Date.now() < deadline) {
    await sleep(Math.min(SETTLE_POLL_MS, Math.max(0, deadline - Date.now())));
    current = await deps.db.order.findUniqueOrThrow({ where: { id: order.id }, include: orderInclude });
  }
  return current;
}
