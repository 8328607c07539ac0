import type express from 'express';
import { createServiceApp } from '@bookstore/common';
import type { AppDeps } from './deps';
import { redisUnavailableErrors } from './redis/unavailable';
import { redisHealthRoutes } from './health/routes';
import { redisDiagnosticsRoutes } from './health/diagnostics-routes';
import { sessionsRoutes } from './sessions/routes';
import { cartsRoutes } from './carts/routes';
import { cacheRoutes } from './cache/routes';
import { bestsellersRoutes } from './bestsellers/routes';
import { rateLimitsRoutes } from './rate-limits/routes';
import { recentlyViewedRoutes } from './recently-viewed/routes';

/** Builds the JSON API. Opens no port and holds no global state: tests build one per file. */
export function createApp(deps: AppDeps): express.Express {
  return createServiceApp({
    logger: deps.logger,
    health: redisHealthRoutes(deps),
    serviceToken: deps.serviceToken,
    // Cached catalog pages and bestseller rebuilds are the largest bodies.
    jsonLimit: '256kb',
    features: [
      sessionsRoutes(deps),
      cartsRoutes(deps),
      cacheRoutes(deps),
      bestsellersRoutes(deps),
      rateLimitsRoutes(deps),
      recentlyViewedRoutes(deps),
      ...(deps.diagnostics ? [redisDiagnosticsRoutes(deps.redis, deps.diagnostics)] : []),
    ],
    errorTranslators: [redisUnavailableErrors],
  });
}
