import 'dotenv/config';
import { z } from 'zod';
import {
  commaList,
  devTokenInProductionIssue,
  loadConfig,
  refuseDevTokenInProduction,
  serviceConfigFields,
} from '@bookstore/common';

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
    /** How long an order transaction (stock, payment) may run before it is rolled back. */
    ORDER_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60000).default(10000),
    /** Order transactions at once per process; unset means half of DATABASE_POOL_SIZE. */
    ORDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine(refuseDevTokenInProduction, devTokenInProductionIssue)
  .refine((c) => c.ORDER_CONCURRENCY === undefined || c.ORDER_CONCURRENCY < c.DATABASE_POOL_SIZE, {
    path: ['ORDER_CONCURRENCY'],
    message: 'must be below DATABASE_POOL_SIZE, or checkouts starve every other query',
  })
  .transform((c) => ({
    ...c,
    ORDER_CONCURRENCY: c.ORDER_CONCURRENCY ?? Math.max(1, Math.floor(c.DATABASE_POOL_SIZE / 2)),
  }));

export type Config = z.output<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
