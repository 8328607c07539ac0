import 'dotenv/config';
import { z } from 'zod';
import { loadConfig } from '@bookstore/common';

export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  HOST: z.string().default('0.0.0.0'),
  PORT: z.coerce.number().int().min(1).max(65535).default(8000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  BACKEND_RDS_URL: z.url().default('http://127.0.0.1:8001'),
  BACKEND_REDIS_URL: z.url().default('http://127.0.0.1:8002'),
  SERVICE_TOKEN: z.string().min(16).default('dev-service-token-change-me-0123456789'),
});

export type Config = z.output<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
