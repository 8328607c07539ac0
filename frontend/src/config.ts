import 'dotenv/config';
import { z } from 'zod';
import {
  devTokenInProductionIssue,
  loadConfig,
  refuseDevTokenInProduction,
  serviceConfigFields,
} from '@bookstore/common';

/** The development default, so `npm start` works with no configuration; refused in production. */
export const DEV_COOKIE_SECRET = 'dev-cookie-secret-change-me-0123456789abcdef';

const milliseconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

export const configSchema = z
  .object({
    ...serviceConfigFields(8000),
    BACKEND_RDS_URL: z.url().default('http://127.0.0.1:8001'),
    BACKEND_REDIS_URL: z.url().default('http://127.0.0.1:8002'),
    /** A call to backend-rds without an answer after this long fails (503 page), never hangs. */
    BACKEND_RDS_TIMEOUT_MS: milliseconds(100, 60_000).default(5000),
    /** Same for backend-redis: sessions, carts, bestsellers' copy, recently viewed. */
    BACKEND_REDIS_TIMEOUT_MS: milliseconds(50, 30_000).default(1000),
    /** Placing an order charges a card (with retries): it may take longer than other reads. */
    CHECKOUT_TIMEOUT_MS: milliseconds(1000, 120_000).default(15_000),
    /** A cache read gives up after this long and reads backend-rds instead. */
    CACHE_TIMEOUT_MS: milliseconds(20, 5000).default(300),
    /** After a failed cache call, skip the cache for this long (Redis is away: no waiting). */
    CACHE_RETRY_AFTER_MS: milliseconds(0, 600_000).default(5000),
    /** Kept-alive connections per backend. */
    BACKEND_MAX_CONNECTIONS: z.coerce.number().int().min(1).max(1024).default(64),
    /** How long catalog pages and books stay in backend-redis's cache (admin edits bump it at once). */
    CATALOG_CACHE_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
    /** HMAC secret of the CSRF tokens (32+ characters). */
    COOKIE_SECRET: z.string().min(32).default(DEV_COOKIE_SECRET),
    /**
     * Proxies in front of the frontend whose X-Forwarded-Proto / -For are believed: 1 (nginx).
     * 0 when the frontend is reached directly.
     */
    TRUST_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(1),
    /** The shop's public address for absolute links (sitemap, Open Graph); unset: from the request. */
    PUBLIC_BASE_URL: z.url().optional(),
    /** Serve frontend/public under /static/ from Node (running without nginx). */
    SERVE_STATIC: booleanFlag.default(false),
    /**
     * Who may open /diagnostics, /diagnostics.json, /test_rds/ and /test_redis/: everyone
     * (the course), admins only, or nobody (404). They show internal host names: a real
     * shop sets admin or off.
     */
    DIAGNOSTICS_ACCESS: z.enum(['public', 'admin', 'off']).default('public'),
    /** Each hop the diagnostics test gives up after this long (the page answers within it). */
    DIAGNOSTICS_TIMEOUT_MS: milliseconds(500, 30_000).default(4000),
    /** EC2 instance metadata (IMDSv2), asked once per process for the instance id and zone; `off`: never asked. */
    INSTANCE_METADATA_URL: z.union([z.literal('off'), z.url()]).default('http://169.254.169.254'),
    /** Off AWS nothing answers there: give up this soon, so the page never waits for it. */
    INSTANCE_METADATA_TIMEOUT_MS: milliseconds(50, 5000).default(300),
  })
  .refine(refuseDevTokenInProduction, devTokenInProductionIssue)
  .refine((c) => c.NODE_ENV !== 'production' || c.COOKIE_SECRET !== DEV_COOKIE_SECRET, {
    path: ['COOKIE_SECRET'],
    message: 'set a secret COOKIE_SECRET in production',
  });

export type Config = z.output<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
