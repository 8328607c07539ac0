import type { Logger } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { PaymentUnavailableError, type ChargeResult, type PaymentProvider } from '../payments/provider';
import { markOrderPaid, releaseUnpaidOrder } from './queries';

/** What finishing a pending order needs: the checkout and the settlement sweeper share it. */
export interface SettleDeps {
  db: PrismaClient;
  payments: PaymentProvider;
  clock: () => Date;
  logger: Logger;
  /** Runs one database statement under the checkout concurrency cap. */
  limit: <T>(task: () => Promise<T>) => Promise<T>;
}

/** Why a pending order ended without a charge, besides the provider's decline codes. */
export const PAYMENT_FAILURE = {
  /** The provider could not be reached, and its records show no charge. */
  unavailable: 'payment_unavailable',
  /** The checkout stopped (a crash) before any charge; found by settlement. */
  interrupted: 'checkout_interrupted',
} as const;

/**
 * The provider's idempotency key for an order's charge: one per order row, so retries of a
 * charge dedupe at the provider and settlement can look the charge up by it, while a new
 * checkout (a new order) is a new charge.
 */
export const chargeKey = (orderId: number) => `order-${orderId}`;

export type ChargeRecorded = 'paid' | 'already_paid' | 'refunded';

/**
 * Records a charge on its pending order. If the order is no longer pending it was settled
 * meanwhile: paid with this very charge (another settler), or released as uncharged, when
 * the charge landed later than settlement waited (PENDING_ORDER_SETTLE_AFTER_MS is meant to
 * prevent that). Then the money goes back, so no charge is ever kept without its order.
 */
export async function recordCharge(
  deps: SettleDeps,
  orderId: number,
  charge: ChargeResult,
  paidAt: Date = deps.clock(),
): Promise<ChargeRecorded> {
  const marked = await deps.limit(() =>
    markOrderPaid(deps.db, {
      orderId,
      paidAt,
      provider: deps.payments.name,
      providerReference: charge.reference,
      cardBrand: charge.cardBrand,
      cardLast4: charge.cardLast4,
    }),
  );
  if (marked) return 'paid';

  const order = await deps.db.order.findUniqueOrThrow({
    where: { id: orderId },
    select: { status: true, totalCents: true, payments: { select: { providerReference: true } } },
  });
  if (order.payments.some((payment) => payment.providerReference === charge.reference)) return 'already_paid';
  deps.logger.error({ orderId, status: order.status, reference: charge.reference }, 'charge landed on a settled order: refunding it');
  try {
    await deps.payments.refund(charge.reference, order.totalCents);
  } catch (err) {
    // Money taken for an order released as unpaid: support must refund it by hand.
    deps.logger.error({ err, orderId, reference: charge.reference }, 'refund of a late charge failed');
  }
  return 'refunded';
}

/** Gives a pending order's stock back as payment_failed (reason: a decline code or PAYMENT_FAILURE). */
export function releaseOrder(deps: SettleDeps, orderId: number, reason: string): Promise<boolean> {
  return deps.limit(() => releaseUnpaidOrder(deps.db, orderId, reason));
}

export type LookupSettlement = ChargeRecorded | 'released' | 'already_settled' | 'unresolved';

/**
 * Settles a pending order by asking the provider whether its charge was made: made → paid
 * with that charge; not made → released (`reasonIfUncharged`); the provider cannot say →
 * left pending for the next round. `already_settled`: someone else finished it meanwhile.
 */
export async function settleByLookup(
  deps: SettleDeps,
  orderId: number,
  reasonIfUncharged: string,
): Promise<LookupSettlement> {
  let found;
  try {
    found = await deps.payments.findCharge(chargeKey(orderId));
  } catch (err) {
    if (err instanceof PaymentUnavailableError) return 'unresolved';
    throw err;
  }
  if (found) return recordCharge(deps, orderId, found);
  return (await releaseOrder(deps, orderId, reasonIfUncharged)) ? 'released' : 'already_settled';
}
