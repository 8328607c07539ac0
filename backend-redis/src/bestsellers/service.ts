import { HttpError } from '@bookstore/common';
import type { AppDeps } from '../deps';
import type { BestsellerWindow, RebuildInput } from './schema';

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'settings' | 'clock'>;

const WINDOW_DAYS = 7;
/** Day sets outlive the 7-day window by a day, so the oldest day is whole until it leaves. */
const DAY_SET_TTL_MS = (WINDOW_DAYS + 1) * 86_400_000;

/** `2026-11-22`, the UTC day `daysAgo` days before `now`. */
export function utcDay(now: Date, daysAgo = 0): string {
  return new Date(now.getTime() - daysAgo * 86_400_000).toISOString().slice(0, 10);
}

/**
 * The fast copy of what sells: one sorted set per UTC day plus an all-time set, all under
 * the `{bestsellers}` hash tag so windows can be unioned in one script on a cluster too.
 * backend-rds owns the truth and can hand it back in with `rebuild`.
 */
export function bestsellerService({ redis, keys, settings, clock }: Deps) {
  const windowDays = () => Array.from({ length: WINDOW_DAYS }, (_, i) => utcDay(clock(), i));

  return {
    /** True when counted now, false when this order was already counted. */
    recordOrder(orderId: number, items: Array<{ bookId: number; quantity: number }>): Promise<boolean> {
      return redis.recordOrderUnits(
        {
          marker: keys.bestsellersOrderMarker(String(orderId)),
          day: keys.bestsellersDay(utcDay(clock())),
          allTime: keys.bestsellersAllTime(),
        },
        { markerMs: settings.bestsellerOrderMarkerTtlMs, dayMs: DAY_SET_TTL_MS },
        items.map((item) => ({ bookId: item.bookId, units: item.quantity })),
      );
    },

    async top(window: BestsellerWindow, limit: number) {
      const ranking =
        window === '7d'
          ? await redis.topOfDays(
              { scratch: keys.bestsellersScratch(), days: windowDays().map((day) => keys.bestsellersDay(day)) },
              limit,
            )
          : await redis.topOfSet(
              window === 'all' ? keys.bestsellersAllTime() : keys.bestsellersDay(utcDay(clock())),
              limit,
            );
      return { window, items: ranking.map((line) => ({ bookId: line.bookId, unitsSold: line.units })) };
    },

    async rebuild({ allTime, days }: RebuildInput) {
      const window = windowDays();
      const outside = days.filter((day) => !window.includes(day.date)).map((day) => day.date);
      if (outside.length > 0) {
        throw new HttpError(400, 'day_outside_window', `Only the last ${WINDOW_DAYS} UTC days can be rebuilt`, {
          days: outside,
          window,
        });
      }
      const toRanking = (items: RebuildInput['allTime']) =>
        items.map((item) => ({ bookId: item.bookId, units: item.unitsSold }));
      await redis.replaceRankings(DAY_SET_TTL_MS, [
        { key: keys.bestsellersAllTime(), ranking: toRanking(allTime) },
        ...window.map((date) => ({
          key: keys.bestsellersDay(date),
          ranking: toRanking(days.find((day) => day.date === date)?.items ?? []),
        })),
      ]);
      return { allTimeBooks: allTime.length, days: window };
    },
  };
}
