import { randomUUID } from 'node:crypto';
import { HttpError, type RateLimitDecision } from '@bookstore/common';
import type { AppDeps } from '../deps';
import type { RateLimitRule } from '../config';

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'settings'>;


export function rateLimitService({ redis, keys, settings }: Deps) {
  const ruleOf = (bucket: string): RateLimitRule => {
    // The bucket comes from the URL: own rules only, so `constructor` is not Object's.
    const rule = Object.hasOwn(settings.rateLimits, bucket) ? settings.rateLimits[bucket] : undefined;
    if (!rule) {
      throw new HttpError(404, 'unknown_rate_limit_bucket', `No rate limit bucket ${bucket}`, {
        buckets: Object.keys(settings.rateLimits),
      });
    }
    return rule;
  };

  return {
    /** Checks and counts in one atomic step; a refused hit is not counted. */
    async hit(bucket: string, key: string): Promise<RateLimitDecision> {
      const rule = ruleOf(bucket);
      const reply = await redis.hitRateLimit(keys.rateLimit(bucket, key), rule, randomUUID());
      return { bucket, key, limit: rule.limit, windowMs: rule.windowMs, ...reply };
    },

    /** Forgets the key's hits, e.g. failed sign-ins after a successful one. */
    async reset(bucket: string, key: string): Promise<void> {
      ruleOf(bucket);
      await redis.del(keys.rateLimit(bucket, key));
    },
  };
}
