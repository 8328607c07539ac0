import { HttpError, type Logger } from '@bookstore/common';
import type { AppDeps } from '../app';

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'logger'>;

export interface CacheStats {
  namespace: string;
  version: number;
  hits: number;
  misses: number;
}

/**
 * JSON values with a TTL, grouped in namespaces. An entry's key holds its namespace's current
 * version (`cache:catalog:v7:books?page=2`); invalidating a namespace is one INCR of that
 * version, O(1) however many entries it has. Old entries are never read again and expire.
 */
export function cacheService({ redis, keys, logger }: Deps) {
  const currentVersion = async (namespace: string) => Number((await redis.get(keys.cacheVersion(namespace))) ?? 0);

  const count = (namespace: string, field: 'hits' | 'misses', log: Logger) => {
    // Not awaited: a counter must not slow a hit down. Commands on one connection run in
    // order, so a stats read issued afterwards still sees it.
    redis.hIncrBy(keys.cacheStats(namespace), field, 1).catch((err: unknown) => log.warn({ err }, 'cache counter lost'));
  };

  return {
    /** The entry's JSON text as stored, so a hit is sent without parsing it again. */
    async getRaw(namespace: string, key: string, log: Logger = logger): Promise<string> {
      const raw = await redis.get(keys.cacheEntry(namespace, await currentVersion(namespace), key));
      count(namespace, raw === null ? 'misses' : 'hits', log);
      if (raw === null) throw new HttpError(404, 'cache_miss', `Nothing cached under ${namespace}/${key}`);
      return raw;
    },

    async put(namespace: string, key: string, value: unknown, ttlMs: number) {
      const version = await currentVersion(namespace);
      // If the namespace is invalidated between these two calls, the entry lands under the old
      // version and is simply never read: the right outcome for a write racing an invalidation.
      await redis.set(keys.cacheEntry(namespace, version, key), JSON.stringify(value), {
        expiration: { type: 'PX', value: ttlMs },
      });
      return { namespace, key, version, ttlMs };
    },

    async remove(namespace: string, key: string): Promise<void> {
      await redis.del(keys.cacheEntry(namespace, await currentVersion(namespace), key));
    },

    async invalidate(namespace: string) {
      return { namespace, version: await redis.incr(keys.cacheVersion(namespace)) };
    },

    async stats(namespace: string): Promise<CacheStats> {
      const [version, counters] = await Promise.all([
        currentVersion(namespace),
        redis.hGetAll(keys.cacheStats(namespace)),
      ]);
      return { namespace, version, hits: Number(counters.hits ?? 0), misses: Number(counters.misses ?? 0) };
    },
  };
}
