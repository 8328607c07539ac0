import { HttpError } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { bookSummarySelect, inIdOrder, toBookSummary, type BookSummary } from '../catalog/mapper';

/**
 * "Customers who bought this also bought": other books in the same paid (or later) orders
 * as `bookId`, ranked by how many different customers bought them alongside it, then by
 * units. Archived books never appear.
 */
export async function alsoBought(
  reader: PrismaClient,
  bookId: number,
  limit: number,
): Promise<BookSummary[]> {
  const book = await reader.book.findFirst({ where: { id: bookId, archivedAt: null }, select: { id: true } });
  if (!book) throw new HttpError(404, 'book_not_found', `No book with id ${bookId}`);

  const ranked = await reader.$queryRaw<{ id: number }[]>`
    SELECT other.book_id AS id
    FROM order_items AS this_book
    JOIN orders AS o
      ON o.id = this_book.order_id AND o.status IN ('paid', 'shipped', 'delivered')
    JOIN order_items AS other
      ON other.order_id = o.id AND other.book_id <> this_book.book_id
    JOIN books AS b
      ON b.id = other.book_id AND b.archived_at IS NULL
    WHERE this_book.book_id = ${bookId}
    GROUP BY other.book_id
    ORDER BY count(DISTINCT o.user_id) DESC, sum(other.quantity) DESC, other.book_id ASC
    LIMIT ${limit}`;
  const ids = ranked.map((row) => row.id);
  if (ids.length === 0) return [];
  const rows = await reader.book.findMany({
    where: { id: { in: ids }, archivedAt: null },
    select: bookSummarySelect,
  });
  return inIdOrder(ids, rows).map(toBookSummary);
}
