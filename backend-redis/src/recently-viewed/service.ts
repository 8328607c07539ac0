import type { AppDeps } from '../deps';

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'settings'>;

/** A list per user, newest first, without duplicates, at most `recentlyViewedMax` long. */
export function recentlyViewedService({ redis, keys, settings }: Deps) {
  return {
    async record(userId: number, bookId: number) {
      const bookIds = await redis.recordView(keys.recentlyViewed(userId), bookId, {
        max: settings.recentlyViewedMax,
        ttlMs: settings.recentlyViewedTtlMs,
      });
      return { userId, bookIds };
    },

    async list(userId: number, limit = settings.recentlyViewedMax) {
      const bookIds = await redis.lRange(keys.recentlyViewed(userId), 0, limit - 1);
      return { userId, bookIds: bookIds.map(Number) };
    },

    async clear(userId: number): Promise<void> {
      await redis.del(keys.recentlyViewed(userId));
    },
  };
}
