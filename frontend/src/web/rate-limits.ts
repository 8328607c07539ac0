import type { Request } from 'express';
import type { RateLimitBucket } from '@bookstore/common';

export interface RateLimitRefusal {
  retryAfterSeconds: number;
  message: string;
}

/**
 * One attempt at a limited action (sign-in, registration, checkout), counted in
 * backend-redis under the account and under the client address (`req.ip`: the address nginx
 * forwards, as trust proxy believes one hop). Refused when either is over its limit.
 */
export async function attemptAllowed(req: Request, bucket: RateLimitBucket, account: string): Promise<RateLimitRefusal | null> {
  const redis = req.backends.redis;
  const decisions = await Promise.all([
    redis.hitRateLimit(bucket, `account:${account}`),
    redis.hitRateLimit(bucket, `ip:${req.ip ?? 'unknown'}`),
  ]);
  const refused = decisions.filter((d) => !d.allowed);
  if (refused.length === 0) return null;
  const retryAfterSeconds = Math.max(1, ...refused.map((d) => Math.ceil(d.retryAfterMs / 1000)));
  return {
    retryAfterSeconds,
    message: `Too many attempts: try again in ${retryAfterSeconds} ${retryAfterSeconds === 1 ? 'second' : 'seconds'}`,
  };
}

/** After a successful sign-in the account's failed attempts are forgotten (the address's are not). */
export async function forgetAttempts(req: Request, bucket: RateLimitBucket, account: string): Promise<void> {
  await req.backends.redis.resetRateLimit(bucket, `account:${account}`).catch((err: unknown) => {
    req.log.warn({ err, bucket }, 'could not reset the rate limit');
  });
}
