import 'dotenv/config';
import { z } from 'zod';
import {
  commaList,
  devTokenInProductionIssue,
  loadConfig,
  refuseDevTokenInProduction,
  serviceConfigFields,
} from '@bookstore/common';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

const seconds = (max: number) => z.coerce.number().int().min(1).max(max);

/** `5/60` = 5 hits per 60 seconds. */
const rateLimitRule = z
  .string()
  .regex(/^\d{1,6}\/\d{1,7}$/, 'expected "<limit>/<window seconds>", e.g. 5/60')
  .transform((rule) => {
    const [limit, windowSeconds] = rule.split('/').map(Number) as [number, number];
    return { limit, windowMs: windowSeconds * 1000 };
  })
  .refine((r) => r.limit >= 1 && r.windowMs >= 1000, 'limit and window must be at least 1');

const DAY = 86_400;

export const configSchema = z
  .object({
    ...serviceConfigFields(8002),

    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'must start with redis:// or rediss://').default('redis://127.0.0.1:6379'),
    REDIS_USERNAME: z.string().optional(),
    REDIS_PASSWORD: z.string().optional(),
    REDIS_CLUSTER: booleanFlag.default(false),
    /** Seed nodes for cluster mode (the ElastiCache configuration endpoint is enough). */
    REDIS_CLUSTER_NODES: commaList.default([]),
    REDIS_TLS_CA_PATH: z.string().optional(),
    // Braces would create a hash tag of their own and break the key layout (docs/backend-redis.md).
    REDIS_KEY_PREFIX: z.string().max(64).regex(/^[^{}\s]*$/, 'no braces or spaces').default('bookstore:'),
    REDIS_COMMAND_TIMEOUT_MS: z.coerce.number().int().min(50).max(30_000).default(1000),
    REDIS_CONNECT_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(2000),
    REDIS_RECONNECT_MAX_DELAY_MS: z.coerce.number().int().min(50).max(60_000).default(2000),

    SESSION_TTL_SECONDS: seconds(90 * DAY).default(2 * 3600),
    GUEST_CART_TTL_SECONDS: seconds(90 * DAY).default(7 * DAY),
    CART_MAX_QUANTITY_PER_BOOK: z.coerce.number().int().min(1).max(10_000).default(20),
    CART_MAX_LINES: z.coerce.number().int().min(1).max(1000).default(100),
    RECENTLY_VIEWED_MAX: z.coerce.number().int().min(1).max(200).default(20),
    RECENTLY_VIEWED_TTL_SECONDS: seconds(365 * DAY).default(90 * DAY),
    BESTSELLER_ORDER_MARKER_TTL_SECONDS: seconds(3650 * DAY).default(400 * DAY),

    RATE_LIMIT_SIGN_IN: rateLimitRule.default({ limit: 5, windowMs: 60_000 }),
    RATE_LIMIT_REGISTRATION: rateLimitRule.default({ limit: 3, windowMs: 3_600_000 }),
    RATE_LIMIT_CHECKOUT: rateLimitRule.default({ limit: 10, windowMs: 60_000 }),
  })
  .refine(refuseDevTokenInProduction, devTokenInProductionIssue)
  .refine((c) => !c.REDIS_CLUSTER || c.REDIS_CLUSTER_NODES.length > 0, {
    path: ['REDIS_CLUSTER_NODES'],
    message: 'cluster mode needs at least one seed node URL',
  });

export type Config = z.output<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);

export interface RateLimitRule {
  limit: number;
  windowMs: number;
}

/** What the features need from the configuration, in milliseconds, so tests can shrink it. */
export interface ServiceSettings {
  sessionTtlMs: number;
  guestCartTtlMs: number;
  /** How long a guest cart merge can be retried (and is remembered) after sign-in. */
  cartMergeMemoryMs: number;
  maxQuantityPerBook: number;
  maxCartLines: number;
  recentlyViewedMax: number;
  recentlyViewedTtlMs: number;
  bestsellerOrderMarkerTtlMs: number;
  rateLimits: Record<string, RateLimitRule>;
}

export function settingsFrom(config: Config): ServiceSettings {
  return {
    sessionTtlMs: config.SESSION_TTL_SECONDS * 1000,
    guestCartTtlMs: config.GUEST_CART_TTL_SECONDS * 1000,
    cartMergeMemoryMs: 86_400_000,
    maxQuantityPerBook: config.CART_MAX_QUANTITY_PER_BOOK,
    maxCartLines: config.CART_MAX_LINES,
    recentlyViewedMax: config.RECENTLY_VIEWED_MAX,
    recentlyViewedTtlMs: config.RECENTLY_VIEWED_TTL_SECONDS * 1000,
    bestsellerOrderMarkerTtlMs: config.BESTSELLER_ORDER_MARKER_TTL_SECONDS * 1000,
    rateLimits: {
      'sign-in': config.RATE_LIMIT_SIGN_IN,
      registration: config.RATE_LIMIT_REGISTRATION,
      checkout: config.RATE_LIMIT_CHECKOUT,
    },
  };
}
