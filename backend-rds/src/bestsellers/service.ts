import type { PrismaClient } from '../db/client';
import { bookSummarySelect, inIdOrder, toBookSummary, type BookSummary } from '../catalog/mapper';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Bestseller {
  book: BookSummary;
  unitsSold: number;
}

/**
 * Books by units sold in orders paid within the last `days` (cancelled orders do not count:
 * their status left the sold set). `now` is the app's clock, so tests can move time.
 */
export async function bestsellers(
  reader: PrismaClient,
  now: Date,
  days: number,
  limit: number,
): Promise<Bestseller[]> {
  const since = new Date(now.getTime() - days * DAY_MS);
  const ranked = await reader.$queryRaw<{ id: number; unitsSold: number }[]>`
    SELECT oi.book_id AS id, sum(oi.quantity)::int AS "unitsSold"
    FROM orders AS o
    JOIN order_items AS oi ON oi.order_id = o.id
    JOIN books AS b ON b.id = oi.book_id AND b.archived_at IS NULL
    WHERE o.status IN ('paid', 'shipped', 'delivered')
      AND o.paid_at >= ${since} AND o.paid_at <= ${now}
    GROUP BY oi.book_id
    ORDER BY "unitsSold" DESC, oi.book_id ASC
    LIMIT ${limit}`;
  if (ranked.length === 0) return [];
  const ids = ranked.map((row) => row.id);
  const rows = await reader.book.findMany({
    where: { id: { in: ids }, archivedAt: null },
    select: bookSummarySelect,
  });
  const unitsById = new Map(ranked.map((row) => [row.id, row.unitsSold]));
  return inIdOrder(ids, rows).map((row) => ({
    book: toBookSummary(row),
    unitsSold: unitsById.get(row.id) ?? 0,
  }));
}
