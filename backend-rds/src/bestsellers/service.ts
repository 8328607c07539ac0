import type { Bestseller as BestsellerShape } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { toBookSummary, type BookSummary } from '../catalog/mapper';
import { bookSummariesInOrder } from '../catalog/service';
import { SOLD_STATUSES } from '../orders/status';

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
    WHERE o.status = ANY(${[...SOLD_STATUSES]}::"OrderStatus"[])
      AND o.paid_at >= ${since} AND o.paid_at <= ${now}
    GROUP BY oi.book_id
    ORDER BY "unitsSold" DESC, oi.book_id ASC
    LIMIT ${limit}`;
  const rows = await bookSummariesInOrder(reader, ranked.map((row) => row.id));
  const unitsById = new Map(ranked.map((row) => [row.id, row.unitsSold]));
  return rows.map((row) => ({
    book: toBookSummary(row),
    unitsSold: unitsById.get(row.id) ?? 0,
  }) satisfies BestsellerShape);
}
