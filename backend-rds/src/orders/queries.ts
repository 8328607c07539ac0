import type { Prisma } from '../db/client';

type Tx = Prisma.TransactionClient;

export interface OrderLine {
  bookId: number;
  quantity: number;
}

/** Lines by book id: every transaction locks book rows in the same order, so none deadlock. */
function byBookId<T extends OrderLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.bookId - b.bookId);
}

/** One requested line as the checkout statement found it, taken or not. */
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

/**
 * The whole first half of a checkout in one statement, so a checkout costs four round trips
 * (BEGIN, this, markOrderPaid, COMMIT) and Prisma's per-statement work runs twice, not ten
 * times. Data-modifying CTEs all see one snapshot, so each step feeds the next explicitly:
 *
 * 1. new_order inserts the pending order. ON CONFLICT on (user_id, idempotency_key) makes a
 *    concurrent duplicate wait here for the first checkout's outcome, then insert nothing
 *    (the caller replays the winner) or, if the first rolled back, go ahead.
 * 2. locked runs only once the order row exists (the EXISTS), and locks the requested books
 *    in id order: LockRows sits above the sort, so every checkout (and restoreStock) takes
 *    book locks in the same order and none deadlock, however the UPDATE below is planned.
 *    It returns each row as committed after the lock wait: the stock we may take from.
 * 3. taken decrements stock only where it suffices and the book is not archived, judged on
 *    the locked row: the newest version, which nobody else can change until we commit (the
 *    statement snapshot may predate the lock wait, so judging it could refuse stock restored
 *    meanwhile). The UPDATE then applies to that newest version (READ COMMITTED re-fetches
 *    it), so stock can never be oversold, and the stock >= 0 CHECK backs that up.
 * 4. items and the ledger rows are inserted from taken's RETURNING, item ids in book order.
 *
 * Every requested line comes back, taken or not, so the caller can name the shortfalls (and
 * roll back by throwing) without another query. Null when the key already placed an order.
 */
export async function insertOrderTakingStock(
  tx: Tx,
  order: NewOrder,
): Promise<{ orderId: number; lines: LineOutcome[] } | null> {
  const lines = byBookId(order.lines);
  const bookIds = lines.map((line) => line.bookId);
  const quantities = lines.map((line) => line.quantity);
  const rows = await tx.$queryRaw<(LineOutcome & { orderId: number | null })[]>`
    WITH new_order AS (
      INSERT INTO orders (user_id, idempotency_key, request_hash, total_cents, currency,
                          shipping_address, created_at, updated_at)
      VALUES (${order.userId}::int, ${order.idempotencyKey}, ${order.requestHash}, 0, 'USD',
              ${JSON.stringify(order.shippingAddress)}::jsonb, ${order.createdAt}::timestamptz, now())
      ON CONFLICT (user_id, idempotency_key) DO NOTHING
      RETURNING id
    ), wanted AS (
      SELECT book_id, quantity FROM unnest(${bookIds}::int[], ${quantities}::int[]) AS w (book_id, quantity)
    ), locked AS MATERIALIZED (
      SELECT id, title, price_cents, currency, stock, archived_at IS NULL AS orderable
      FROM books
      WHERE id IN (SELECT book_id FROM wanted) AND EXISTS (SELECT 1 FROM new_order)
      ORDER BY id
      FOR NO KEY UPDATE
    ), taken AS (
      UPDATE books b
      SET stock = b.stock - w.quantity, units_sold = b.units_sold + w.quantity, updated_at = now()
      FROM locked l JOIN wanted w ON w.book_id = l.id
      WHERE b.id = l.id AND l.orderable AND l.stock >= w.quantity
      RETURNING b.id AS book_id, w.quantity, b.title, b.price_cents, b.stock AS stock_after
    ), items AS (
      INSERT INTO order_items (order_id, book_id, quantity, unit_price_cents, title_snapshot)
      SELECT (SELECT id FROM new_order), book_id, quantity, price_cents, title
      FROM taken ORDER BY book_id
      RETURNING id, book_id
    ), ledger AS (
      INSERT INTO stock_adjustments (book_id, delta, reason, stock_after, order_id, actor_user_id)
      SELECT book_id, -quantity, 'order_placed'::"StockChangeReason", stock_after,
             (SELECT id FROM new_order), ${order.userId}::int
      FROM taken
    )
    SELECT (SELECT id FROM new_order) AS "orderId", w.book_id AS "bookId", w.quantity,
           coalesce(l.orderable, false) AS orderable, l.title, l.price_cents AS "unitPriceCents",
           l.currency, l.stock AS available, i.id AS "itemId", t.stock_after AS "stockAfter"
    FROM wanted w
    LEFT JOIN locked l ON l.id = w.book_id
    LEFT JOIN taken t ON t.book_id = w.book_id
    LEFT JOIN items i ON i.book_id = w.book_id
    ORDER BY w.book_id`;
  const orderId = rows[0]?.orderId;
  if (orderId == null) return null;
  return { orderId, lines: rows.map(({ orderId: _orderId, ...line }) => line) };
}

/** Records the charge and marks the order paid, in one statement. */
export async function markOrderPaid(
  tx: Tx,
  paid: {
    orderId: number;
    totalCents: number;
    currency: string;
    paidAt: Date;
    provider: string;
    providerReference: string;
    cardBrand: string | null;
    cardLast4: string | null;
  },
): Promise<void> {
  await tx.$executeRaw`
    WITH payment AS (
      INSERT INTO payments (order_id, provider, provider_reference, amount_cents, currency, status,
                            card_brand, card_last4)
      VALUES (${paid.orderId}::int, ${paid.provider}, ${paid.providerReference}, ${paid.totalCents}::int,
              ${paid.currency}, 'succeeded'::"PaymentStatus", ${paid.cardBrand}, ${paid.cardLast4})
    )
    UPDATE orders
    SET status = 'paid', paid_at = ${paid.paidAt}::timestamptz, total_cents = ${paid.totalCents}::int,
        currency = ${paid.currency}, updated_at = now()
    WHERE id = ${paid.orderId}::int`;
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
