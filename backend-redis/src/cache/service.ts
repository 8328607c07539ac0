import { HttpError } from '@bookstore/common';
import type { AppDeps } from '../deps';

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'logger'>;

export interface CacheStats {
  namespace: string;
  version: number;
  hits: number;
  misses: number;
}

/** An entry is stored as `<namespace version>:<JSON>`. */
const encode = (version: number, value: unknown) => `${version}:${JSON.stringify(value)}`;

function decode(stored: string): { version: number; json: string } {
  const colon = stored.indexOf(':');
  return { version: Number(stored.slice(0, colon)), json: stored.slice(colon + 1) };
}

/**
 * JSON values with a TTL, grouped in namespaces. Every entry records the namespace version
 * it was written under; invalidating a namespace is one INCR of that version, O(1) however
 * many entries it has: entries of an older version read as misses and expire by their TTL.
 * A read fetches the version and the entry side by side (one round trip, pipelined), and
 * the two keys need not share a slot, so a namespace's entries spread over a cluster.
 */
export function cacheService({ redis, keys, logger }: Deps) {
  const currentVersion = async (namespace: string) => Number((await redis.get(keys.cacheVersion(namespace))) ?? 0);

  // Hit and miss counts are added up in memory and written at most once a second: a counter
  // must not cost a hit a Redis command. A crash loses at most a second of counts.
  const unflushed = new Map<string, { hits: number; misses: number }>();
  let flushTimer: NodeJS.Timeout | undefined;

  async function flushCounts(): Promise<void> {
    clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = [...unflushed];
    unflushed.clear();
    await Promise.all(
      batch.flatMap(([namespace, counts]) =>
        (['hits', 'misses'] as const)
          .filter((field) => counts[field] > 0)
          .map((field) => redis.hIncrBy(keys.cacheStats(namespace), field, counts[field])),
      ),
    );
  }

  const count = (namespace: string, field: 'hits' | 'misses') => {
    const counts = unflushed.get(namespace) ?? { hits: 0, misses: 0 };
    counts[field]++;
    unflushed.set(namespace, counts);
    flushTimer ??= setTimeout(() => {
      flushCounts().catch((err: unknown) => logger.warn({ err }, 'cache counters lost'));
    }, 1000).unref();
  };

  return {
    /** The entry's JSON text as stored, so a hit is sent without parsing it again. */
    async getRaw(namespace: string, key: string): Promise<string> {
      const [version, stored] = await Promise.all([
        currentVersion(namespace),
        redis.get(keys.cacheEntry(namespace, key)),
      ]);
      const entry = stored === null ? undefined : decode(stored);
      const hit = entry !== undefined && entry.version === version;
      count(namespace, hit ? 'hits' : 'misses');
      if (!hit) throw new HttpError(404, 'cache_miss', `Nothing cached under ${namespace}/${key}`);
      return entry.json;
    },

    async put(namespace: string, key: string, value: unknown, ttlMs: number) {
      const version = await currentVersion(namespace);
      // If the namespace is invalidated between these two calls, the entry carries the old
      // version and reads as a miss: the right outcome for a write racing an invalidation.
      await redis.set(keys.cacheEntry(namespace, key), encode(version, value), {
        expiration: { type: 'PX', value: ttlMs },
      });
      return { namespace, key, version, ttlMs };
    },

    async remove(namespace: string, key: string): Promise<void> {
      await redis.del(keys.cacheEntry(namespace, key));
    },

    async invalidate(namespace: string) {
      return { namespace, version: await redis.incr(keys.cacheVersion(namespace)) };
    },

    /** This instance's counts are written first; other instances' lag by up to a second. */
    async stats(namespace: string): Promise<CacheStats> {
      await flushCounts();
      const [version, counters] = await Promise.all([
        currentVersion(namespace),
        redis.hGetAll(keys.cacheStats(namespace)),
      ]);
      return { namespace, version, hits: Number(counters.hits ?? 0), misses: Number(counters.misses ?? 0) };
    },
  };
}
