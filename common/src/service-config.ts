import { z } from 'zod';
import { gitCommitOrDev } from './app-version';

/** The development default every service shares, so the stack works with no configuration. */
export const DEV_SERVICE_TOKEN = 'dev-service-token-change-me-0123456789';

/** `a, b,c` → ['a', 'b', 'c'] */
export const commaList = z
  .string()
  .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean));

/** The variables every service reads, with its own default port. */
export function serviceConfigFields(defaultPort: number) {
  return {
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    HOST: z.string().default('0.0.0.0'),
    PORT: z.coerce.number().int().min(1).max(65535).default(defaultPort),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    SERVICE_TOKEN: z.string().min(16).default(DEV_SERVICE_TOKEN),
    /** What /diagnostics shows as this service's version: an image tag or a commit. */
    APP_VERSION: z
      .string()
      .trim()
      .regex(/^[\w.+:/@-]{1,100}$/, 'letters, digits and . _ + - : / @ only (an image tag or a commit)')
      .optional()
      .transform((version) => version ?? gitCommitOrDev()),
  };
}

/** A production service with the well-known development token would be open to anyone. */
export function refuseDevTokenInProduction(config: { NODE_ENV: string; SERVICE_TOKEN: string }) {
  return config.NODE_ENV !== 'production' || config.SERVICE_TOKEN !== DEV_SERVICE_TOKEN;
}

export const devTokenInProductionIssue = {
  path: ['SERVICE_TOKEN'],
  message: 'set a secret SERVICE_TOKEN in production',
};
