import { createLogger, runService, shutDownGracefully } from '@bookstore/common';
import { createApp } from './app';
import { readConfig } from './config';
import { createBackends } from './backends';
import { versionedAssets } from './web/assets';
import { diagnosticsDeps } from './diagnostics/settings';

function main() {
  const config = readConfig();
  const logger = createLogger('frontend', config.LOG_LEVEL);
  const backends = createBackends({
    rdsUrl: config.BACKEND_RDS_URL,
    redisUrl: config.BACKEND_REDIS_URL,
    serviceToken: config.SERVICE_TOKEN,
    rdsTimeoutMs: config.BACKEND_RDS_TIMEOUT_MS,
    redisTimeoutMs: config.BACKEND_REDIS_TIMEOUT_MS,
    maxConnections: config.BACKEND_MAX_CONNECTIONS,
    cache: {
      ttlMs: config.CATALOG_CACHE_TTL_SECONDS * 1000,
      timeoutMs: config.CACHE_TIMEOUT_MS,
      retryAfterMs: config.CACHE_RETRY_AFTER_MS,
    },
    logger,
  });
  const app = createApp({
    logger,
    backends,
    assets: versionedAssets(),
    diagnostics: diagnosticsDeps(config),
    settings: {
      nodeEnv: config.NODE_ENV,
      cookieSecret: config.COOKIE_SECRET,
      trustProxyHops: config.TRUST_PROXY_HOPS,
      publicBaseUrl: config.PUBLIC_BASE_URL,
      serveStatic: config.SERVE_STATIC,
      checkoutTimeoutMs: config.CHECKOUT_TIMEOUT_MS,
    },
  });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info({ port: config.PORT }, 'frontend listening');
  });
  shutDownGracefully({ server, logger, closers: [() => backends.close()] });
}

runService(main);
