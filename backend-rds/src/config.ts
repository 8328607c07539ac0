import 'dotenv/config';
import { z } from 'zod';
import {
  commaList,
  devTokenInProductionIssue,
  loadConfig,
  refuseDevTokenInProduction,
  serviceConfigFields,
} from '@bookstore/common';
import { CHARGE_ATTEMPTS, CHARGE_RETRY_DELAYS_MS } from './payments/charge-with-retry';

/** Also what scripts and tests get when they build a database client without a config. */
export const DATABASE_CONNECT_TIMEOUT_DEFAULT_MS = 2_000;

export const configSchema = z
  .object({
    ...serviceConfigFields(8001),
    DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/bookstore'),
    DATABASE_REPLICA_URLS: commaList.default([]),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_CA_CERT_PATH: z.string().optional(),
    /** How long a query may wait for a connection (a new one, or a free one from the pool) before a 503. */
    DATABASE_CONNECT_TIMEOUT_MS: z.coerce
      .number()
      .int()
      .min(100)
      .max(60000)
      .default(DATABASE_CONNECT_TIMEOUT_DEFAULT_MS),
    /** How long an order transaction (a cancellation, a status change) may run before it is rolled back. */
    ORDER_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60000).default(10000),
    /** Checkout statements at once per process; unset means half of DATABASE_POOL_SIZE. */
    ORDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).optional(),
    /** How long a duplicate checkout waits for the first one (same key) to settle before a 409. */
    ORDER_REPLAY_WAIT_MS: z.coerce.number().int().min(0).max(30000).default(5000),
    /** A pending order untouched this long is settled by asking the provider about its charge. */
    PENDING_ORDER_SETTLE_AFTER_MS: z.coerce.number().int().min(1000).max(86_400_000).default(60000),
    /** How often this process looks for such orders (and once at start). */
    PENDING_ORDER_SETTLE_INTERVAL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30000),
    /** The payment sandbox's answer time, like a real provider's 100–500 ms: latency ± jitter. */
    PAYMENT_SANDBOX_LATENCY_MS: z.coerce.number().int().min(0).max(60000).default(0),
    PAYMENT_SANDBOX_JITTER_MS: z.coerce.number().int().min(0).max(60000).default(0),
  })
  .refine(refuseDevTokenInProduction, devTokenInProductionIssue)
  .refine((c) => c.ORDER_CONCURRENCY === undefined || c.ORDER_CONCURRENCY < c.DATABASE_POOL_SIZE, {
    path: ['ORDER_CONCURRENCY'],
    message: 'must be below DATABASE_POOL_SIZE, or checkouts starve every other query',
  })
  .refine((c) => c.PENDING_ORDER_SETTLE_AFTER_MS > longestChargeMs(c), {
    path: ['PENDING_ORDER_SETTLE_AFTER_MS'],
    message: 'must be longer than a charge can take (every attempt at the sandbox latency plus jitter), or settlement could release an order whose charge is still landing',
  })
  .transform((c) => ({
    ...c,
    ORDER_CONCURRENCY: c.ORDER_CONCURRENCY ?? Math.max(1, Math.floor(c.DATABASE_POOL_SIZE / 2)),
  }));

/** Every attempt of one charge at the slowest the sandbox answers, with the pauses between. */
function longestChargeMs(c: { PAYMENT_SANDBOX_LATENCY_MS: number; PAYMENT_SANDBOX_JITTER_MS: number }): number {
  const pausesMs = CHARGE_RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0);
  return CHARGE_ATTEMPTS * (c.PAYMENT_SANDBOX_LATENCY_MS + c.PAYMENT_SANDBOX_JITTER_MS) + pausesMs;
}

export type Config = z.output<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
