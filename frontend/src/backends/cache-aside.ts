import type { Logger } from '@bookstore/common';
import { isBackendError } from './backend-error';
import type { RedisClient } from './redis-client';

/**
 * Remembers, for the whole process, that the cache failed a moment ago: while Redis is away
 * every page would otherwise wait for a 503 or a timeout before reading backend-rds.
 */
export class CacheBreaker {
  private openUntil = 0;
  constructor(
    private readonly retryAfterMs: number,
    private readonly now: () => number = Date.now,
  ) {}
  get open(): boolean {
    return this.now() < this.openUntil;
  }
  trip(): void {
    this.openUntil = this.now() + this.retryAfterMs;
  }
}

export interface CacheSettings {
  namespace: string;
  ttlMs: number;
  timeoutMs: number;
  breaker: CacheBreaker;
}

/** Reads through backend-redis's JSON cache; the loader is the truth (backend-rds). */
export interface CacheAside {
  read<T>(key: string, load: () => Promise<T>): Promise<T>;
  /** Drops entries whose source changed; a cache that fails is only logged (the TTL ends them). */
  forget(keys: string[]): Promise<void>;
  /**
   * Bumps the namespace's version: every entry is a miss from now on (admin edits). Tried
   * even while the breaker is open (Redis may be back); false when it failed.
   */
  invalidate(): Promise<boolean>;
}

/**
 * Cache-aside: a hit answers; a miss loads and stores (without making the page wait for the
 * write); a cache that fails or is slow is skipped, so the page still renders from the
 * loader. Errors of the loader itself (a 404 book) are never cached.
 */
export function cacheAside(redis: RedisClient, settings: CacheSettings, log: Logger): CacheAside {
  const { namespace, ttlMs, timeoutMs, breaker } = settings;
  return {
    async read<T>(key: string, load: () => Promise<T>): Promise<T> {
      if (breaker.open) return load();
      try {
        const entry = await redis.cacheGet<T>(namespace, key, timeoutMs);
        return entry.value;
      } catch (err) {
        if (!isBackendError(err, 404, 'cache_miss')) {
          breaker.trip();
          log.warn({ err, key }, 'cache unavailable: reading the source');
          return load();
        }
      }
      const value = await load();
      redis.cachePut(namespace, key, value, ttlMs, timeoutMs).catch((err: unknown) => {
        breaker.trip();
        log.warn({ err, key }, 'cache write failed');
      });
      return value;
    },
    async invalidate(): Promise<boolean> {
      try {
        await redis.cacheInvalidate(namespace);
        return true;
      } catch (err) {
        log.warn({ err, namespace }, 'cache invalidation failed');
        return false;
      }
    },
    async forget(keys: string[]): Promise<void> {
      if (breaker.open) return;
      await Promise.all(keys.map((key) => redis.cacheDelete(namespace, key, timeoutMs))).catch((err: unknown) => {
        breaker.trip();
        log.warn({ err, keys }, 'cache delete failed');
      });
    },
  };
}
