import { HttpError, type Logger } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
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
import { insertOrderTakingStock, markOrderPaid, type LineOutcome } from './queries';
import { orderRequestHash } from './request-hash';
import type { PlaceOrderInput } from './schema';

export interface OrderDeps {
  db: PrismaClient;
  payments: PaymentProvider;
  clock: () => Date;
  logger: Logger;
  transactionTimeoutMs: number;
  /** Caps concurrent order transactions below the connection pool size. */
  limit: ConcurrencyLimit;
}

export interface PlacedOrder {
  order: OrderView;
  /** True when the idempotency key had already placed this order. */
  replayed: boolean;
}

/** How long a checkout may wait for a connection before giving up with 503. */
export const TRANSACTION_MAX_WAIT_MS = 5_000;
const MAX_TOTAL_CENTS = 2_147_483_647;

/**
 * Places an order in one transaction of two statements around the card charge (see
 * insertOrderTakingStock): order row first (its unique (user, idempotency key) index makes a
 * concurrent duplicate wait, then insert nothing and replay the winner), stock taken with
 * conditional updates, price and title snapshotted; then card charged, payment recorded,
 * order paid. Any failure, a declined card included, rolls everything back, so a failed
 * checkout takes no stock. There is no look-up by key up front: the insert is that check,
 * which saves a statement on every new order and costs a replay one short transaction.
 */
export async function placeOrder(deps: OrderDeps, input: PlaceOrderInput): Promise<PlacedOrder> {
  const requestHash = orderRequestHash(input);

  // Set once the card is charged, so a transaction that fails afterwards can give it back.
  let charge: { result: ChargeResult; amountCents: number } | undefined;
  let order: OrderView | null;
  try {
    order = await deps.limit(() =>
      deps.db.$transaction(
        (tx) =>
          insertPaidOrder(tx, deps, input, requestHash, (result, amountCents) => {
            charge = { result, amountCents };
          }),
        // READ COMMITTED, PostgreSQL's default (not set explicitly: that costs a round trip).
        // The stock statement judges each book on its locked, newest row, which is what matters.
        { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: deps.transactionTimeoutMs },
      ),
    );
  } catch (err) {
    if (charge) await refundAfterRollback(deps, charge.result.reference, charge.amountCents);
    throw toHttpError(err, input.userId);
  }
  if (order) return { order, replayed: false };

  // The key had placed an order already (perhaps a concurrent request, committed while we
  // waited on the index): answer with that order, or refuse a different body.
  const earlier = await findByIdempotencyKey(deps.db, input.userId, input.idempotencyKey);
  if (!earlier) throw new Error('the order holding this idempotency key was not found');
  return replay(earlier, requestHash);
}

/** The paid order, or null (nothing written) when the idempotency key already placed one. */
async function insertPaidOrder(
  tx: Prisma.TransactionClient,
  deps: OrderDeps,
  input: PlaceOrderInput,
  requestHash: string,
  onCharged: (result: ChargeResult, amountCents: number) => void,
): Promise<OrderView | null> {
  const createdAt = deps.clock();
  const shippingAddress = withoutUndefined(input.shippingAddress);
  const placed = await insertOrderTakingStock(tx, {
    userId: input.userId,
    idempotencyKey: input.idempotencyKey,
    requestHash,
    shippingAddress,
    createdAt,
    lines: input.items,
  });
  if (!placed) return null;
  // Throwing rolls back the order row and whatever stock was taken.
  const taken = takenLines(placed.lines);
  const { totalCents, currency } = priceOrder(taken);

  const charged = await chargeCard(deps.payments, placed.orderId, totalCents, currency, input);
  onCharged(charged, totalCents);
  const paidAt = deps.clock();
  await markOrderPaid(tx, {
    orderId: placed.orderId,
    totalCents,
    currency,
    paidAt,
    provider: deps.payments.name,
    providerReference: charged.reference,
    cardBrand: charged.cardBrand,
    cardLast4: charged.cardLast4,
  });

  // Built from what the two statements wrote (the same row toOrderView would read back).
  return {
    id: placed.orderId,
    userId: input.userId,
    status: 'paid',
    totalCents,
    currency,
    items: taken
      .sort((a, b) => a.itemId - b.itemId)
      .map((line) => ({
        bookId: line.bookId,
        title: line.title,
        quantity: line.quantity,
        unitPriceCents: line.unitPriceCents,
        lineTotalCents: line.unitPriceCents * line.quantity,
      })),
    shippingAddress,
    payment: { status: 'succeeded', cardBrand: charged.cardBrand, cardLast4: charged.cardLast4 },
    createdAt: createdAt.toISOString(),
    paidAt: paidAt.toISOString(),
    shippedAt: null,
    deliveredAt: null,
    cancelledAt: null,
  };
}

interface TakenLine {
  bookId: number;
  quantity: number;
  itemId: number;
  title: string;
  unitPriceCents: number;
  currency: string;
}

/** Every line, taken; else the 404 (a book is gone) or 409 (stock short) naming the books. */
function takenLines(lines: LineOutcome[]): TakenLine[] {
  const taken: TakenLine[] = [];
  for (const line of lines) {
    const { itemId, title, unitPriceCents, currency } = line;
    if (itemId !== null && title !== null && unitPriceCents !== null && currency !== null) {
      taken.push({ bookId: line.bookId, quantity: line.quantity, itemId, title, unitPriceCents, currency });
    }
  }
  if (taken.length === lines.length) return taken;

  const missing = lines.filter((line) => !line.orderable).map((line) => line.bookId);
  if (missing.length > 0) {
    throw new HttpError(404, 'book_not_found', `No book with id ${missing.join(', ')}`, { bookIds: missing });
  }
  throw new HttpError(
    409,
    'insufficient_stock',
    'Not enough stock for some books',
    lines
      .filter((line) => line.itemId === null)
      .map((line) => ({
        bookId: line.bookId,
        title: line.title ?? undefined,
        requested: line.quantity,
        available: line.available ?? 0,
      })),
  );
}

function priceOrder(taken: TakenLine[]): { totalCents: number; currency: string } {
  const currencies = new Set(taken.map((line) => line.currency));
  if (currencies.size > 1) {
    throw new HttpError(409, 'mixed_currencies', 'All books in one order must share a currency', {
      currencies: [...currencies],
    });
  }
  const totalCents = taken.reduce((sum, line) => sum + line.unitPriceCents * line.quantity, 0);
  if (totalCents > MAX_TOTAL_CENTS) {
    throw new HttpError(409, 'order_too_large', 'The order total is too large for one payment');
  }
  return { totalCents, currency: taken[0]?.currency ?? 'USD' };
}

async function chargeCard(
  payments: PaymentProvider,
  orderId: number,
  amountCents: number,
  currency: string,
  input: PlaceOrderInput,
): Promise<ChargeResult> {
  try {
    return await chargeWithRetry(payments, {
      amountCents,
      currency,
      card: {
        number: input.payment.cardNumber,
        expMonth: input.payment.expMonth,
        expYear: input.payment.expYear,
        cvc: input.payment.cvc,
      },
      // Per order row, so retries of this attempt dedupe but a later checkout is a new charge.
      idempotencyKey: `order-${orderId}`,
      description: `Bookstore order ${orderId}`,
    });
  } catch (err) {
    if (err instanceof PaymentDeclinedError) {
      throw new HttpError(402, 'payment_declined', err.message, { declineCode: err.declineCode });
    }
    if (err instanceof PaymentUnavailableError) {
      throw new HttpError(
        503,
        'payment_unavailable',
        'The payment provider is unavailable, try again shortly',
        undefined,
        { 'Retry-After': '5' },
      );
    }
    throw err;
  }
}

function findByIdempotencyKey(db: PrismaClient, userId: number, idempotencyKey: string) {
  return db.order.findUnique({
    where: { userId_idempotencyKey: { userId, idempotencyKey } },
    include: orderInclude,
  });
}

function replay(
  earlier: NonNullable<Awaited<ReturnType<typeof findByIdempotencyKey>>>,
  requestHash: string,
): PlacedOrder {
  if (earlier.requestHash !== requestHash) {
    throw new HttpError(
      409,
      'idempotency_key_reused',
      'This idempotency key was already used for a different order',
      { orderId: earlier.id },
    );
  }
  return { order: toOrderView(earlier), replayed: true };
}

async function refundAfterRollback(deps: OrderDeps, reference: string, amountCents: number): Promise<void> {
  try {
    await deps.payments.refund(reference, amountCents);
  } catch (err) {
    // Money taken for an order that does not exist: support must refund it by hand.
    deps.logger.error({ err, reference, amountCents }, 'refund after a failed checkout failed');
  }
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
