import 'dotenv/config';
import { z } from 'zod';
import {
  devTokenInProductionIssue,
  loadConfig,
  refuseDevTokenInProduction,
  serviceConfigFields,
} from '@bookstore/common';

export const configSchema = z
  .object({
    ...serviceConfigFields(8000),
    BACKEND_RDS_URL: z.url().default('http://127.0.0.1:8001'),
    BACKEND_REDIS_URL: z.url().default('http://127.0.0.1:8002'),
  })
  .refine(refuseDevTokenInProduction, devTokenInProductionIssue);

export type Config = z.output<typeof configSchema>;

export const readConfig = (env: NodeJS.ProcessEnv = process.env): Config =>
  loadConfig(configSchema, env);
