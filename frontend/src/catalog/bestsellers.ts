import type { BestsellerRebuild, BookSummary } from '@bookstore/common';
import type { BoundBackends } from '../backends';
import { booksByIds } from './service';

/**
 * This week's bestsellers. backend-redis keeps a fast copy (units per UTC day); backend-rds
 * holds the truth (paid orders). Redis keeps nothing across a restart, so when the copy is
 * empty it is read from backend-rds and refilled; when Redis is down, backend-rds answers.
 */
export async function weeklyBestsellers(b: BoundBackends, limit: number, now = new Date()): Promise<BookSummary[]> {
  let fastCopy: number[] | undefined;
  try {
    fastCopy = (await b.redis.topBestsellers('7d', limit)).items.map((item) => item.bookId);
  } catch {
    fastCopy = undefined; // Redis away: backend-rds below
  }
  if (fastCopy && fastCopy.length > 0) return booksByIds(b, fastCopy);

  const truth = await b.rds.bestsellers(7, limit);
  if (fastCopy && truth.items.length > 0) {
    // The copy is empty (a Redis restart): refill it, without making the page wait.
    refill(b, truth.items.map((item) => ({ bookId: item.book.id, unitsSold: item.unitsSold })), now).catch(
      () => undefined,
    );
  }
  return truth.items.map((item) => item.book);
}

/**
 * backend-rds answers for a rolling window, not per day, so the week's units go into
 * today's set: the 7-day ranking is exact now and drifts (older sales count a few days
 * longer) until the copy is rebuilt or refilled again.
 */
async function refill(b: BoundBackends, week: BestsellerRebuild['allTime'], now: Date): Promise<void> {
  const allTime = (await b.rds.bestsellers(365, 50)).items.map((item) => ({ bookId: item.book.id, unitsSold: item.unitsSold }));
  await b.redis.rebuildBestsellers({ allTime, days: [{ date: now.toISOString().slice(0, 10), items: week }] });
}

/**
 * Counts a paid order once in the fast copy (backend-redis refuses a repeat). When the copy
 * was empty (a Redis restart) it is refilled from backend-rds afterwards, which counts this
 * order too: otherwise the copy would hold this order alone and the home page, finding it
 * not empty, would never refill it.
 */
export async function recordPaidOrder(
  b: BoundBackends,
  order: { id: number; items: { bookId: number; quantity: number }[] },
  now = new Date(),
): Promise<void> {
  const wasEmpty = (await b.redis.topBestsellers('7d', 1)).items.length === 0;
  await b.redis.recordBestsellerOrder(order.id, order.items.map(({ bookId, quantity }) => ({ bookId, quantity })));
  if (!wasEmpty) return;
  const week = (await b.rds.bestsellers(7, 50)).items.map((item) => ({ bookId: item.book.id, unitsSold: item.unitsSold }));
  await refill(b, week, now);
}
