import { HttpError, type Logger } from '@bookstore/common';
import type { Prisma, PrismaClient } from '../db/client';
import { chargeWithRetry } from '../payments/charge-with-retry';
import {
  PaymentDeclinedError,
  PaymentUnavailableError,
  type ChargeResult,
  type PaymentProvider,
} from '../payments/provider';
import type { ConcurrencyLimit } from './concurrency-limit';
import { isForeignKeyViolation, isTransientTransactionError, isUniqueViolation } from '../db/errors';
import { orderInclude, toOrderView, type OrderView } from './mapper';
import { recordStockChanges, takeStock, type OrderLine, type TakenLine } from './queries';
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
 * Places an order in one transaction: order row first (its unique (user, idempotency key)
 * index makes a concurrent duplicate wait, then fail), stock taken with conditional updates,
 * price and title snapshotted, card charged, payment recorded, order paid. Any failure,
 * a declined card included, rolls everything back, so a failed checkout takes no stock.
 */
export async function placeOrder(deps: OrderDeps, input: PlaceOrderInput): Promise<PlacedOrder> {
  const requestHash = orderRequestHash(input);
  const earlier = await findByIdempotencyKey(deps.db, input.userId, input.idempotencyKey);
  if (earlier) return replay(earlier, requestHash);

  // Set once the card is charged, so a transaction that fails afterwards can give it back.
  let charge: { result: ChargeResult; amountCents: number } | undefined;
  let order: OrderView;
  try {
    order = await deps.limit(() =>
      deps.db.$transaction(
        (tx) =>
          insertPaidOrder(tx, deps, input, requestHash, (result, amountCents) => {
            charge = { result, amountCents };
          }),
        // READ COMMITTED, PostgreSQL's default (not set explicitly: that costs a round trip).
        // The conditional stock UPDATEs re-check the committed row, which is what matters.
        { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: deps.transactionTimeoutMs },
      ),
    );
  } catch (err) {
    if (charge) await refundAfterRollback(deps, charge.result.reference, charge.amountCents);
    if (isUniqueViolation(err, 'orders_user_id_idempotency_key_key')) {
      // A concurrent request with the same key committed first: answer with its order.
      const winner = await findByIdempotencyKey(deps.db, input.userId, input.idempotencyKey);
      if (winner) return replay(winner, requestHash);
    }
    throw toHttpError(err, input.userId);
  }
  return { order, replayed: false };
}

async function insertPaidOrder(
  tx: Prisma.TransactionClient,
  deps: OrderDeps,
  input: PlaceOrderInput,
  requestHash: string,
  onCharged: (result: ChargeResult, amountCents: number) => void,
): Promise<OrderView> {
  const order = await tx.order.create({
    data: {
      userId: input.userId,
      idempotencyKey: input.idempotencyKey,
      requestHash,
      // Filled in once the books are priced below, in this same transaction.
      totalCents: 0,
      currency: 'USD',
      shippingAddress: withoutUndefined(input.shippingAddress),
      createdAt: deps.clock(),
    },
    select: { id: true },
  });

  const { taken, shortfalls } = await takeStock(tx, input.items);
  if (shortfalls.length > 0) throw await stockError(tx, shortfalls);
  const { totalCents, currency } = priceOrder(taken);

  // Every write returns its row, so the answer is built from them: no re-read after commit.
  const items = await tx.orderItem.createManyAndReturn({
    data: taken.map((line) => ({
      orderId: order.id,
      bookId: line.bookId,
      quantity: line.quantity,
      unitPriceCents: line.unitPriceCents,
      titleSnapshot: line.title,
    })),
  });
  await recordStockChanges(tx, order.id, input.userId, 'order_placed', taken);

  const charged = await chargeCard(deps.payments, order.id, totalCents, currency, input);
  onCharged(charged, totalCents);
  const payment = await tx.payment.create({
    data: {
      orderId: order.id,
      provider: deps.payments.name,
      providerReference: charged.reference,
      amountCents: totalCents,
      currency,
      status: 'succeeded',
      cardBrand: charged.cardBrand,
      cardLast4: charged.cardLast4,
    },
  });
  const paid = await tx.order.update({
    where: { id: order.id },
    data: { status: 'paid', paidAt: deps.clock(), totalCents, currency },
  });
  return toOrderView({ ...paid, items: items.sort((a, b) => a.id - b.id), payments: [payment] });
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

/** Names every book that could not be taken: 404 if one is gone, else 409 with what is left. */
async function stockError(tx: Prisma.TransactionClient, shortfalls: OrderLine[]): Promise<HttpError> {
  const books = await tx.book.findMany({
    where: { id: { in: shortfalls.map((line) => line.bookId) }, archivedAt: null },
    select: { id: true, title: true, stock: true },
  });
  const byId = new Map(books.map((book) => [book.id, book]));
  const missing = shortfalls.filter((line) => !byId.has(line.bookId)).map((line) => line.bookId);
  if (missing.length > 0) {
    return new HttpError(404, 'book_not_found', `No book with id ${missing.join(', ')}`, {
      bookIds: missing,
    });
  }
  return new HttpError(
    409,
    'insufficient_stock',
    'Not enough stock for some books',
    shortfalls.map((line) => {
      const book = byId.get(line.bookId);
      return {
        bookId: line.bookId,
        title: book?.title,
        requested: line.quantity,
        available: book?.stock ?? 0,
      };
    }),
  );
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
