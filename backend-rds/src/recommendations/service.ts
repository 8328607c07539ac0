import type { PrismaClient } from '../db/client';
import { toBookSummary, type BookSummary } from '../catalog/mapper';
import { assertBookVisible, bookSummariesInOrder } from '../catalog/service';
import { SOLD_STATUSES } from '../orders/status';

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
  await assertBookVisible(reader, bookId);

  const ranked = await reader.$queryRaw<{ id: number }[]>`
    SELECT other.book_id AS id
    FROM order_items AS this_book
    JOIN orders AS o
      ON o.id = this_book.order_id AND o.status = ANY(${[...SOLD_STATUSES]}::"OrderStatus"[])
    JOIN order_items AS other
      ON other.order_id = o.id AND other.book_id <> this_book.book_id
    JOIN books AS b
      ON b.id = other.book_id AND b.archived_at IS NULL
    WHERE this_book.book_id = ${bookId}
    GROUP BY other.book_id
    ORDER BY count(DISTINCT o.user_id) DESC, sum(other.quantity) DESC, other.book_id ASC
    LIMIT ${limit}`;
  const rows = await bookSummariesInOrder(reader, ranked.map((row) => row.id));
  return rows.map(toBookSummary);
}
