/** backend-redis's buckets (`RATE_LIMIT_*` there). */
export const RATE_LIMIT_BUCKETS = ['sign-in', 'registration', 'checkout'] as const;
export type RateLimitBucket = (typeof RATE_LIMIT_BUCKETS)[number];

/** backend-redis `POST /rate-limits/:bucket/:key/hit`: always a 200, refused or not. */
export interface RateLimitDecision {
  bucket: string;
  key: string;
  allowed: boolean;
  limit: number;
  remaining: number;
  windowMs: number;
  /** 0 when allowed; else how long until the oldest counted hit leaves the window. */
  retryAfterMs: number;
}
