import supertest from 'supertest';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';
import { createBackends } from '../src/backends';
import { readConfig } from '../src/config';
import type { AppDeps } from '../src/deps';
import { diagnosticsDeps, type DiagnosticsAccess } from '../src/diagnostics/settings';
import { versionedAssets } from '../src/web/assets';
import { readStackEnv } from './stack/stack-env';

export interface DiagnosticsShopOptions {
  rdsUrl?: string;
  redisUrl?: string;
  serviceToken?: string;
  access?: DiagnosticsAccess;
  /** A fake instance metadata service on 127.0.0.1; default: none (never 169.254.169.254 from tests). */
  metadataUrl?: string;
  metadataTimeoutMs?: number;
  timeoutMs?: number;
}

export const TEST_FRONTEND_VERSION = 'frontend-test-version';

/**
 * The frontend app with /diagnostics, on the run's backends or on others given here (a
 * backend pointed at a closed port, a black hole, a wrong token). The instance metadata
 * service is off unless a test passes its own fake.
 */
export function buildDiagnosticsShop(options: DiagnosticsShopOptions = {}) {
  const stack = readStackEnv();
  const defaults = readConfig({});
  const logger = createLogger('frontend-diagnostics-test', process.env.TEST_LOG_LEVEL ?? 'silent');
  const rdsUrl = options.rdsUrl ?? stack.rdsUrl;
  const redisUrl = options.redisUrl ?? stack.redisUrl;
  const backends = createBackends({
    rdsUrl,
    redisUrl,
    serviceToken: options.serviceToken ?? stack.serviceToken,
    rdsTimeoutMs: defaults.BACKEND_RDS_TIMEOUT_MS,
    redisTimeoutMs: defaults.BACKEND_REDIS_TIMEOUT_MS,
    maxConnections: 8,
    cache: { ttlMs: 60_000, timeoutMs: defaults.CACHE_TIMEOUT_MS, retryAfterMs: defaults.CACHE_RETRY_AFTER_MS },
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
    },
    diagnostics: diagnosticsDeps({
      ...defaults,
      APP_VERSION: TEST_FRONTEND_VERSION,
      DIAGNOSTICS_ACCESS: options.access ?? 'public',
      DIAGNOSTICS_TIMEOUT_MS: options.timeoutMs ?? defaults.DIAGNOSTICS_TIMEOUT_MS,
      BACKEND_RDS_URL: rdsUrl,
      BACKEND_REDIS_URL: redisUrl,
      INSTANCE_METADATA_URL: options.metadataUrl ?? 'off',
      INSTANCE_METADATA_TIMEOUT_MS: options.metadataTimeoutMs ?? defaults.INSTANCE_METADATA_TIMEOUT_MS,
    }),
  };
  const app = createApp(deps);
  return {
    stack,
    deps,
    app,
    request: supertest(app),
    browser: () => supertest.agent(app),
    close: () => backends.close(),
  };
}

export type DiagnosticsShop = ReturnType<typeof buildDiagnosticsShop>;

/** What nginx adds to every request it passes on (nginx/templates/bookstore.conf.template). */
export const NGINX_HEADERS = {
  'X-Forwarded-For': '203.0.113.7',
  'X-Real-IP': '203.0.113.7',
  'X-Request-Id': 'nginx-request-0123456789',
  'X-Forwarded-Proto': 'http',
};
