import type { PrismaClient } from '../db/client';
import { Prisma } from '../generated/prisma/client';

type Tx = Prisma.TransactionClient;
/** The pool itself: each checkout statement runs on its own, committed when it ends. */
type Db = PrismaClient | Tx;

export interface OrderLine {
  bookId: number;
  quantity: number;
}

/** Lines by book id: every transaction locks book rows in the same order, so none deadlock. */
function byBookId<T extends OrderLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.bookId - b.bookId);
}

/** One requested line as the reserving statement found it, taken or not. */
export interface LineOutcome extends OrderLine {
  /** False when the book does not exist or is archived. */
  orderable: boolean;
  /** The book's title and price now: the order's snapshot. Null when the book does not exist. */
  title: string | null;
  unitPriceCents: number | null;
  currency: string | null;
  /** Stock before this order, read under the row lock. */
  available: number | null;
  /** The order_items row, when the stock was taken. */
  itemId: number | null;
  stockAfter: number | null;
}

export interface NewOrder {
  userId: number;
  idempotencyKey: string;
  requestHash: string;
  shippingAddress: object;
  createdAt: Date;
  lines: readonly OrderLine[];
}

export interface Reservation {
  /** The new pending order; null when nothing was written. */
  orderId: number | null;
  /** The key already held an order when the statement began (so no book was locked). */
  keyTaken: boolean;
  lines: LineOutcome[];
}

/** The largest total one order (and one payment) may have: PostgreSQL `integer`. */
export const MAX_ORDER_TOTAL_CENTS = 2_147_483_647;

/**
 * The first step of a checkout, one statement on its own (no BEGIN/COMMIT: a statement is
 * atomic by itself), so the books' row locks last only as long as it runs, never across the
 * card charge. Data-modifying CTEs all see one snapshot, so each step feeds the next:
 *
 * It commits synchronously, so the order is on disk before any card is charged. (An
 * asynchronous commit followed by a `pg_current_xact_id()` "barrier" was tried: a
 * transaction that writes no WAL of its own commits without waiting for the flush, so the
 * barrier waited for nothing, and a PostgreSQL crash lost reservations whose cards were
 * charged: test/outage.test.ts caught it.)
 *
 * 1. key_taken: the key already names an order (committed): lock nothing, answer with it.
 * 2. locked locks the requested books in id order (LockRows sits above the sort), so every
 *    checkout, release and cancellation takes book locks in the same order and none
 *    deadlock. It returns each row as committed after the lock wait: the newest version,
 *    which nobody else can change until we commit (the statement snapshot may predate the
 *    wait, so judging it could refuse stock restored meanwhile).
 * 3. verdict: every line orderable with enough stock, one currency, a total that fits.
 * 4. new_order inserts the pending order only on that verdict, with its total. ON CONFLICT on
 *    (user_id, idempotency_key) makes a concurrent duplicate wait for the other statement,
 *    then insert nothing (the caller replays the winner).
 * 5. taken decrements stock, only once the order exists; the UPDATE applies to the newest
 *    row version (READ COMMITTED re-fetches it), so stock can never be oversold, and the
 *    stock >= 0 CHECK backs that up. items and the ledger rows follow from its RETURNING.
 *
 * Every requested line comes back, taken or not, so the caller can name the shortfalls.
 */
export function reserveOrderStatement(order: NewOrder): Prisma.Sql {
  const lines = byBookId(order.lines);
  const bookIds = lines.map((line) => line.bookId);
  const quantities = lines.map((line) => line.quantity);
  return Prisma.sql`
    WITH key_taken AS (
      SELECT EXISTS (
        SELECT 1 FROM orders WHERE user_id = ${order.userId}::int AND idempotency_key = ${order.idempotencyKey}
      ) AS taken
    ), wanted AS (
      SELECT book_id, quantity FROM unnest(${bookIds}::int[], ${quantities}::int[]) AS w (book_id, quantity)
    ), locked AS MATERIALIZED (
      SELECT id, title, price_cents, currency, stock, archived_at IS NULL AS orderable
      FROM books
      WHERE id IN (SELECT book_id FROM wanted) AND NOT (SELECT taken FROM key_taken)
      ORDER BY id
      FOR NO KEY UPDATE
    ), verdict AS MATERIALIZED (
      SELECT count(*) FILTER (WHERE l.orderable AND l.stock >= w.quantity) = count(*) AS all_available,
             count(DISTINCT l.currency) = 1 AS one_currency,
             sum(l.price_cents::bigint * w.quantity) AS total_cents,
             min(l.currency) AS currency
      FROM wanted w LEFT JOIN locked l ON l.id = w.book_id
    ), new_order AS (
      INSERT INTO orders (user_id, idempotency_key, request_hash, total_cents, currency,
                          shipping_address, created_at, updated_at)
      SELECT ${order.userId}::int, ${order.idempotencyKey}, ${order.requestHash}, v.total_cents::int, v.currency,
             ${JSON.stringify(order.shippingAddress)}::jsonb, ${order.createdAt}::timestamptz, now()
      FROM verdict v
      WHERE v.all_available AND v.one_currency AND v.total_cents <= ${MAX_ORDER_TOTAL_CENTS}::bigint
      ON CONFLICT (user_id, idempotency_key) DO NOTHING
      RETURNING id
    ), taken AS (
      UPDATE books b
      SET stock = b.stock - w.quantity, units_sold = b.units_sold + w.quantity, updated_at = now()
      FROM locked l JOIN wanted w ON w.book_id = l.id
      WHERE b.id = l.id AND l.orderable AND l.stock >= w.quantity AND EXISTS (SELECT 1 FROM new_order)
      RETURNING b.id AS book_id, w.quantity, b.stock AS stock_after
    ), items AS (
      INSERT INTO order_items (order_id, book_id, quantity, unit_price_cents, title_snapshot)
      SELECT (SELECT id FROM new_order), t.book_id, t.quantity, l.price_cents, l.title
      FROM taken t JOIN locked l ON l.id = t.book_id ORDER BY t.book_id
      RETURNING id, book_id
    ), ledger AS (
      INSERT INTO stock_adjustments (book_id, delta, reason, stock_after, order_id, actor_user_id)
      SELECT book_id, -quantity, 'order_placed'::"StockChangeReason", stock_after,
             (SELECT id FROM new_order), ${order.userId}::int
      FROM taken
    )
    SELECT (SELECT id FROM new_order) AS "orderId", (SELECT taken FROM key_taken) AS "keyTaken",
           w.book_id AS "bookId", w.quantity, coalesce(l.orderable, false) AS orderable, l.title,
           l.price_cents AS "unitPriceCents", l.currency, l.stock AS available, i.id AS "itemId",
           t.stock_after AS "stockAfter"
    FROM wanted w
    LEFT JOIN locked l ON l.id = w.book_id
    LEFT JOIN taken t ON t.book_id = w.book_id
    LEFT JOIN items i ON i.book_id = w.book_id
    ORDER BY w.book_id`;
}

export async function reserveOrder(db: Db, order: NewOrder): Promise<Reservation> {
  const rows = await db.$queryRaw<(LineOutcome & { orderId: number | null; keyTaken: boolean })[]>(
    reserveOrderStatement(order),
  );
  const first = rows[0];
  return {
    orderId: first?.orderId ?? null,
    keyTaken: first?.keyTaken ?? false,
    lines: rows.map(({ orderId: _orderId, keyTaken: _keyTaken, ...line }) => line),
  };
}

export interface PaidCharge {
  orderId: number;
  paidAt: Date;
  provider: string;
  providerReference: string;
  cardBrand: string | null;
  cardLast4: string | null;
}

/**
 * Marks a pending order paid and records its payment, in one statement, only while it is
 * still pending: of two settlers (the checkout itself, a sweeper after a crash) one wins
 * and the other changes nothing. The payment takes the order's own total and currency.
 */
export function markOrderPaidStatement(paid: PaidCharge): Prisma.Sql {
  return Prisma.sql`
    WITH paid AS (
      UPDATE orders SET status = 'paid', paid_at = ${paid.paidAt}::timestamptz, updated_at = now()
      WHERE id = ${paid.orderId}::int AND status = 'pending'
      RETURNING id, total_cents, currency
    )
    INSERT INTO payments (order_id, provider, provider_reference, amount_cents, currency, status,
                          card_brand, card_last4)
    SELECT id, ${paid.provider}, ${paid.providerReference}, total_cents, currency, 'succeeded'::"PaymentStatus",
           ${paid.cardBrand}, ${paid.cardLast4}
    FROM paid`;
}

/** True when this call marked the order paid; false when it was no longer pending. */
export async function markOrderPaid(db: Db, paid: PaidCharge): Promise<boolean> {
  return (await db.$executeRaw(markOrderPaidStatement(paid))) === 1;
}

/**
 * Ends a pending order that was never charged: payment_failed with its reason, stock and
 * sales count given back (book locks in id order, as everywhere), the ledger told, and the
 * idempotency key freed so the shopper may try again with it. Only while still pending, so
 * it never races a settler that found the charge. True when this call released it.
 */
export async function releaseUnpaidOrder(db: Db, orderId: number, reason: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ released: number }[]>`
    WITH released AS (
      UPDATE orders
      SET status = 'payment_failed', payment_failure = ${reason}, idempotency_key = NULL, updated_at = now()
      WHERE id = ${orderId}::int AND status = 'pending'
      RETURNING id, user_id
    ), lines AS (
      SELECT oi.book_id, oi.quantity FROM order_items oi JOIN released r ON r.id = oi.order_id
    ), locked AS MATERIALIZED (
      SELECT id FROM books WHERE id IN (SELECT book_id FROM lines) ORDER BY id FOR NO KEY UPDATE
    ), restored AS (
      UPDATE books b
      SET stock = b.stock + l.quantity, units_sold = GREATEST(b.units_sold - l.quantity, 0), updated_at = now()
      FROM lines l
      WHERE b.id = l.book_id AND b.id IN (SELECT id FROM locked)
      RETURNING b.id AS book_id, l.quantity, b.stock AS stock_after
    ), ledger AS (
      INSERT INTO stock_adjustments (book_id, delta, reason, note, stock_after, order_id, actor_user_id)
      SELECT book_id, quantity, 'order_cancelled'::"StockChangeReason", ${`payment failed: ${reason}`},
             stock_after, ${orderId}::int, (SELECT user_id FROM released)
      FROM restored
    )
    SELECT count(*)::int AS released FROM released`;
  return (row?.released ?? 0) === 1;
}

export interface StalePendingOrder {
  id: number;
  totalCents: number;
  currency: string;
}

/**
 * Claims up to `limit` orders pending for longer than `olderThanMs` (their checkout died or
 * stalled): SKIP LOCKED so concurrent settlers take different rows, and updated_at moves to
 * now, so another settler leaves them alone for another `olderThanMs` while this one asks
 * the provider. The conditional updates above stay the guard against settling twice.
 */
export function claimStalePendingOrders(db: Db, olderThanMs: number, limit: number): Promise<StalePendingOrder[]> {
  return db.$queryRaw<StalePendingOrder[]>`
    UPDATE orders SET updated_at = now()
    WHERE id IN (
      SELECT id FROM orders
      WHERE status = 'pending' AND updated_at < now() - ${olderThanMs}::int * interval '1 millisecond'
      ORDER BY id
      LIMIT ${limit}::int
      FOR UPDATE SKIP LOCKED
    )
    RETURNING id, total_cents AS "totalCents", currency`;
}

/** Puts a cancelled order's stock back and takes its units out of the sales count. */
export async function restoreStock(
  tx: Tx,
  lines: readonly OrderLine[],
): Promise<(OrderLine & { stockAfter: number })[]> {
  const restored: (OrderLine & { stockAfter: number })[] = [];
  for (const line of byBookId(lines)) {
    const rows = await tx.$queryRaw<{ stockAfter: number }[]>`
      UPDATE books
      SET stock = stock + ${line.quantity},
          units_sold = GREATEST(units_sold - ${line.quantity}, 0),
          updated_at = now()
      WHERE id = ${line.bookId}
      RETURNING stock AS "stockAfter"`;
    const row = rows[0];
    if (row) restored.push({ ...line, stockAfter: row.stockAfter });
  }
  return restored;
}

export function recordStockChanges(
  tx: Tx,
  orderId: number,
  actorUserId: number,
  reason: 'order_placed' | 'order_cancelled',
  lines: readonly (OrderLine & { stockAfter: number })[],
) {
  return tx.stockAdjustment.createMany({
    data: lines.map((line) => ({
      bookId: line.bookId,
      delta: reason === 'order_placed' ? -line.quantity : line.quantity,
      reason,
      stockAfter: line.stockAfter,
      orderId,
      actorUserId,
    })),
  });
}
