import { HttpError } from '@bookstore/common';
import { Prisma } from '../generated/prisma/client';
import { chargeWithRetry } from '../payments/charge-with-retry';
import {
  PaymentDeclinedError,
  PaymentUnavailableError,
  type ChargeResult,
  type PaymentProvider,
} from '../payments/provider';
import type { ConcurrencyLimit } from './concurrency-limit';
import { isForeignKeyViolation, isTransientTransactionError } from '../db/errors';
import { orderInclude, toOrderView, type OrderView } from './mapper';
import {
  MAX_ORDER_TOTAL_CENTS,
  reserveOrder,
  type LineOutcome,
  type Reservation,
} from './queries';
import { orderRequestHash } from './request-hash';
import { replayIdempotencyKey } from './replay';
import { paymentFailureError, paymentUnavailableError } from './payment-errors';
import type { PlaceOrderInput } from './schema';
import {
  PAYMENT_FAILURE,
  chargeKey,
  recordCharge,
  releaseOrder,
  settleByLookup,
  type SettleDeps,
} from './settle-order';

export interface OrderDeps extends SettleDeps {
  /** How long an order transaction (a cancellation, a status change) may run. */
  transactionTimeoutMs: number;
  /** Caps concurrent checkout statements below the connection pool size. */
  limit: ConcurrencyLimit;
  /** How long a duplicate checkout waits for the first one to settle (ORDER_REPLAY_WAIT_MS). */
  replayWaitMs: number;
}

export interface PlacedOrder {
  order: OrderView;
  /** True when the idempotency key had already placed this order. */
  replayed: boolean;
}

/** How long a cancellation or status change may wait for a connection before giving up with 503. */
export const TRANSACTION_MAX_WAIT_MS = 5_000;
/** A key freed by a failed attempt between our statement and our look-up: try that often. */
const KEY_RACE_ATTEMPTS = 3;

/**
 * Places an order in three steps, none of which holds a lock while the card is charged:
 * 1. one statement reserves the stock and writes the order as pending (reserveOrder),
 *    committed synchronously: on disk before any card is charged;
 * 2. the card is charged, outside any transaction, under the provider key `order-<id>`;
 * 3. one statement marks the order paid with its payment, or releases the stock and marks
 *    it payment_failed (freeing the idempotency key) when the card was declined.
 * A process killed between the steps leaves a pending order, which settlement finishes by
 * asking the provider about `order-<id>` (settle-pending.ts). A duplicate with the same key
 * never reaches the card: it answers with the first attempt's outcome (replay.ts).
 */
export async function placeOrder(deps: OrderDeps, input: PlaceOrderInput): Promise<PlacedOrder> {
  const requestHash = orderRequestHash(input);
  const shippingAddress = withoutUndefined(input.shippingAddress);
  for (let attempt = 0; attempt < KEY_RACE_ATTEMPTS; attempt += 1) {
    const createdAt = deps.clock();
    const reservation = await reserve(deps, input, requestHash, shippingAddress, createdAt);
    if (reservation.orderId !== null) {
      const pending: PendingOrder = { id: reservation.orderId, createdAt, shippingAddress, lines: takenLines(reservation) };
      return { order: await chargeAndSettle(deps, input, pending), replayed: false };
    }
    if (!reservation.keyTaken) {
      const refused = refusal(reservation.lines);
      if (refused) throw refused;
    }
    // The key already holds an order (perhaps a concurrent request's): answer with it.
    const replayed = await replayIdempotencyKey(deps, input.userId, input.idempotencyKey, requestHash);
    if (replayed) return { order: replayed, replayed: true };
  }
  throw new HttpError(503, 'service_busy', 'The shop is busy, try again shortly', undefined, { 'Retry-After': '1' });
}

async function reserve(
  deps: OrderDeps,
  input: PlaceOrderInput,
  requestHash: string,
  shippingAddress: Prisma.InputJsonObject,
  createdAt: Date,
): Promise<Reservation> {
  try {
    return await deps.limit(() =>
      reserveOrder(deps.db, {
        userId: input.userId,
        idempotencyKey: input.idempotencyKey,
        requestHash,
        shippingAddress,
        createdAt,
        lines: input.items,
      }),
    );
  } catch (err) {
    throw toHttpError(err, input.userId);
  }
}

interface TakenLine {
  bookId: number;
  quantity: number;
  itemId: number;
  title: string;
  unitPriceCents: number;
  currency: string;
}

interface PendingOrder {
  id: number;
  createdAt: Date;
  shippingAddress: Prisma.InputJsonObject;
  lines: TakenLine[];
}

/** Steps 2 and 3: the charge, then paid, or released. */
async function chargeAndSettle(deps: OrderDeps, input: PlaceOrderInput, order: PendingOrder): Promise<OrderView> {
  const totalCents = order.lines.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  const currency = order.lines[0]?.currency ?? 'USD';
  const outcome = await chargeCard(deps.payments, order.id, totalCents, currency, input);

  if (outcome.kind === 'declined') {
    await releaseOrder(deps, order.id, outcome.error.declineCode);
    throw paymentFailureError(outcome.error.declineCode, outcome.error.message);
  }
  if (outcome.kind === 'unavailable') {
    // Retries did not get an answer: the provider's records say whether a charge landed.
    const settled = await settleByLookup(deps, order.id, PAYMENT_FAILURE.unavailable);
    if (settled === 'paid' || settled === 'already_paid') return readOrder(deps, order.id);
    throw paymentUnavailableError();
  }

  const paidAt = deps.clock();
  const recorded = await recordCharge(deps, order.id, outcome.charge, paidAt);
  if (recorded === 'already_paid') return readOrder(deps, order.id);
  if (recorded === 'refunded') {
    throw new HttpError(409, 'checkout_expired', 'The checkout took too long and was released; the charge was refunded', {
      orderId: order.id,
    });
  }
  // Built from what the two statements wrote (the same row toOrderView would read back).
  return {
    id: order.id,
    userId: input.userId,
    status: 'paid',
    totalCents,
    currency,
    items: order.lines.map((line) => ({
      bookId: line.bookId,
      title: line.title,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      lineTotalCents: line.unitPriceCents * line.quantity,
    })),
    shippingAddress: input.shippingAddress,
    payment: { status: 'succeeded', cardBrand: outcome.charge.cardBrand, cardLast4: outcome.charge.cardLast4 },
    createdAt: order.createdAt.toISOString(),
    paidAt: paidAt.toISOString(),
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
    paymentFailure: null,
  };
}

async function readOrder(deps: OrderDeps, orderId: number): Promise<OrderView> {
  return toOrderView(await deps.db.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude }));
}

type ChargeOutcome =
  | { kind: 'charged'; charge: ChargeResult }
  | { kind: 'declined'; error: PaymentDeclinedError }
  | { kind: 'unavailable' };

/**
 * Any other failure (a bug, the sandbox's database gone) propagates and leaves the order
 * pending: whether money moved is unknown here, and settlement will ask the provider.
 */
async function chargeCard(
  payments: PaymentProvider,
  orderId: number,
  amountCents: number,
  currency: string,
  input: PlaceOrderInput,
): Promise<ChargeOutcome> {
  try {
    const charge = await chargeWithRetry(payments, {
      amountCents,
      currency,
      card: {
        number: input.payment.cardNumber,
        expMonth: input.payment.expMonth,
        expYear: input.payment.expYear,
        cvc: input.payment.cvc,
      },
      idempotencyKey: chargeKey(orderId),
      description: `Bookstore order ${orderId}`,
    });
    return { kind: 'charged', charge };
  } catch (err) {
    if (err instanceof PaymentDeclinedError) return { kind: 'declined', error: err };
    if (err instanceof PaymentUnavailableError) return { kind: 'unavailable' };
    throw err;
  }
}

/** Lines of a placed order, in item (= book id) order. */
function takenLines(reservation: Reservation): TakenLine[] {
  const taken: TakenLine[] = [];
  for (const line of reservation.lines) {
    const { itemId, title, unitPriceCents, currency } = line;
    if (itemId === null || title === null || unitPriceCents === null || currency === null) {
      throw new Error(`order ${reservation.orderId} was placed without book ${line.bookId}`);
    }
    taken.push({ bookId: line.bookId, quantity: line.quantity, itemId, title, unitPriceCents, currency });
  }
  return taken.sort((a, b) => a.itemId - b.itemId);
}

/**
 * Why the statement placed no order, in the order a shopper can act on: a book gone (404),
 * stock short (409 naming the books), currencies mixed, a total too large. Null when every
 * line was fine: then the key had an order after all (a concurrent duplicate).
 */
function refusal(lines: LineOutcome[]): HttpError | null {
  const missing = lines.filter((line) => !line.orderable).map((line) => line.bookId);
  if (missing.length > 0) {
    return new HttpError(404, 'book_not_found', `No book with id ${missing.join(', ')}`, { bookIds: missing });
  }
  const short = lines.filter((line) => (line.available ?? 0) < line.quantity);
  if (short.length > 0) {
    return new HttpError(
      409,
      'insufficient_stock',
      'Not enough stock for some books',
      short.map((line) => ({
        bookId: line.bookId,
        title: line.title ?? undefined,
        requested: line.quantity,
        available: line.available ?? 0,
      })),
    );
  }
  const currencies = new Set(lines.map((line) => line.currency));
  if (currencies.size > 1) {
    return new HttpError(409, 'mixed_currencies', 'All books in one order must share a currency', {
      currencies: [...currencies],
    });
  }
  const totalCents = lines.reduce((sum, line) => sum + (line.unitPriceCents ?? 0) * line.quantity, 0);
  if (totalCents > MAX_ORDER_TOTAL_CENTS) {
    return new HttpError(409, 'order_too_large', 'The order total is too large for one payment');
  }
  return null;
}

function toHttpError(err: unknown, userId: number): unknown {
  if (isForeignKeyViolation(err, 'orders_user_id_fkey')) {
    return new HttpError(404, 'user_not_found', `No user with id ${userId}`);
  }
  if (isTransientTransactionError(err)) {
    return new HttpError(503, 'service_busy', 'The shop is busy, try again shortly', undefined, {
      'Retry-After': '1',
    });
  }
  return err;
}

function withoutUndefined(value: object): Prisma.InputJsonObject {
  return Object.fromEntries(Object.entries(value).filter(([, entry]) => entry !== undefined));
}
