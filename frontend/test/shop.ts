import supertest from 'supertest';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';
import { createBackends } from '../src/backends';
import { readConfig } from '../src/config';
import type { AppDeps } from '../src/deps';
import { versionedAssets } from '../src/web/assets';
import { readStackEnv, type StackEnv } from './stack/stack-env';

export interface TestShop {
  stack: StackEnv;
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  /** A browser-like client: keeps cookies between requests. */
  browser: () => ReturnType<typeof supertest.agent>;
  request: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

export interface TestShopOptions {
  /** Point at the backend-redis whose Redis is away. */
  redisDown?: boolean;
  /** Any backend-redis URL (e.g. a port nobody answers on). */
  redisUrl?: string;
  settings?: Partial<AppDeps['settings']>;
}

/**
 * The real frontend app (in this process, no port) on the run's real backends. Settings
 * are the service's own defaults (config.ts), the secrets made for the test.
 */
export function buildShop(options: TestShopOptions = {}): TestShop {
  const stack = readStackEnv();
  const defaults = readConfig({});
  const logger = createLogger('frontend-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const backends = createBackends({
    rdsUrl: stack.rdsUrl,
    redisUrl: options.redisUrl ?? (options.redisDown ? stack.redisDownUrl : stack.redisUrl),
    serviceToken: stack.serviceToken,
    rdsTimeoutMs: defaults.BACKEND_RDS_TIMEOUT_MS,
    redisTimeoutMs: defaults.BACKEND_REDIS_TIMEOUT_MS,
    maxConnections: 16,
    cache: {
      ttlMs: defaults.CATALOG_CACHE_TTL_SECONDS * 1000,
      timeoutMs: defaults.CACHE_TIMEOUT_MS,
      retryAfterMs: defaults.CACHE_RETRY_AFTER_MS,
    },
    logger,
  });
  const deps: AppDeps = {
    logger,
    backends,
    assets: versionedAssets(),
    settings: {
      nodeEnv: 'test',
      cookieSecret: 'frontend-test-cookie-secret-0123456789abcdef',
      trustProxyHops: defaults.TRUST_PROXY_HOPS,
      publicBaseUrl: undefined,
      serveStatic: false,
      checkoutTimeoutMs: defaults.CHECKOUT_TIMEOUT_MS,
      ...options.settings,
    },
  };
  const app = createApp(deps);
  return {
    stack,
    deps,
    app,
    browser: () => supertest.agent(app),
    request: supertest(app),
    close: () => backends.close(),
  };
}
