import 'dotenv/config';
import { z } from 'zod';
import { loadConfig } from '@bookstore/common';

const DEV_SERVICE_TOKEN = 'dev-service-token-change-me-0123456789';

const commaList = z
  .string()
  .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean));

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(8001),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/bookstore'),
    DATABASE_REPLICA_URLS: commaList.default([]),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    DATABASE_CA_CERT_PATH: z.string().optional(),
    SERVICE_TOKEN: z.string().min(16).default(DEV_SERVICE_TOKEN),
    /** How long an order transaction (stock, payment) may run before it is rolled back. */
    ORDER_TRANSACTION_TIMEOUT_MS: z.coerce.number().int().min(1000).max(60000).default(10000),
    /** Order transactions at once per process; unset means half of DATABASE_POOL_SIZE. */
    ORDER_CONCURRENCY: z.coerce.number().int().min(1).max(200).optional(),
  })
  .refine((c) => c.NODE_ENV !== 'production' || c.SERVICE_TOKEN !== DEV_SERVICE_TOKEN, {
    path: ['SERVICE_TOKEN'],
    message: 'set a secret SERVICE_TOKEN in production',
  })
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
