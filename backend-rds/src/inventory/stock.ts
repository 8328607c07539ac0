import { HttpError } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import type { StockChangeReason } from '../generated/prisma/client';
import type { ActingUser } from '../http/acting-user';
import { toPage, type Page, type Pagination } from '../http/params';
import type { StockAdjustmentInput } from './schema';

export interface StockAdjustment {
  id: number;
  bookId: number;
  delta: number;
  reason: StockChangeReason;
  note: string;
  stockAfter: number;
  orderId: number | null;
  actorUserId: number | null;
  createdAt: Date;
}

/** What the `stock` column (PostgreSQL integer) holds at most. */
const MAX_STOCK = 2_147_483_647;

/**
 * Changes a book's stock and records why, in one statement. The UPDATE only matches while
 * `stock + delta` stays within 0 and the column's maximum (added as bigint, so it cannot
 * overflow before it is compared); concurrent adjustments queue on the row lock and each re-checks
 * that condition against the stock the previous one committed, so stock never goes
 * negative and `stock_after` is exact. The ledger row is written by the same statement, so
 * there is never a change without its history.
 */
export async function adjustStock(
  db: PrismaClient,
  bookId: number,
  admin: ActingUser,
  { delta, reason, note }: StockAdjustmentInput,
): Promise<{ adjustment: StockAdjustment; stock: number }> {
  const [adjustment] = await db.$queryRaw<StockAdjustment[]>`
    WITH changed AS (
      UPDATE books SET stock = stock + ${delta}, updated_at = now()
      WHERE id = ${bookId} AND archived_at IS NULL
        AND stock::bigint + ${delta} BETWEEN 0 AND ${MAX_STOCK}
      RETURNING id, stock
    )
    INSERT INTO stock_adjustments (book_id, delta, reason, note, stock_after, actor_user_id)
    SELECT id, ${delta}, ${reason}::"StockChangeReason", ${note}, stock, ${admin.id} FROM changed
    RETURNING id, book_id AS "bookId", delta, reason, note, stock_after AS "stockAfter",
              order_id AS "orderId", actor_user_id AS "actorUserId", created_at AS "createdAt"`;
  if (adjustment) return { adjustment, stock: adjustment.stockAfter };

  const book = await db.book.findFirst({
    where: { id: bookId, archivedAt: null },
    select: { stock: true },
  });
  if (!book) throw new HttpError(404, 'book_not_found', `No book with id ${bookId}`);
  if (delta > 0) {
    throw new HttpError(409, 'stock_too_large', `Stock cannot exceed ${MAX_STOCK}`, {
      bookId,
      stock: book.stock,
      delta,
    });
  }
  throw new HttpError(
    409,
    'insufficient_stock',
    `Only ${book.stock} in stock: cannot remove ${-delta}`,
    { bookId, stock: book.stock, delta },
  );
}

/** A book's stock history, newest first; archived books keep theirs. */
export async function listStockAdjustments(
  db: PrismaClient,
  bookId: number,
  pagination: Pagination,
): Promise<Page<StockAdjustment>> {
  const book = await db.book.findUnique({ where: { id: bookId }, select: { id: true } });
  if (!book) throw new HttpError(404, 'book_not_found', `No book with id ${bookId}`);
  const { page, pageSize } = pagination;
  const [items, total] = await Promise.all([
    db.stockAdjustment.findMany({
      where: { bookId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.stockAdjustment.count({ where: { bookId } }),
  ]);
  return toPage(items, total, pagination);
}
