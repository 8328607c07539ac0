import type express from 'express';
import { createServiceApp, type Logger } from '@bookstore/common';
import type { ServiceSettings } from './config';
import type { Redis } from './redis/client';
import type { KeyBuilder } from './redis/keys';
import { redisUnavailableErrors } from './redis/unavailable';
import { redisHealthRoutes } from './health/routes';
import { sessionsRoutes } from './sessions/routes';
import { cartsRoutes } from './carts/routes';
import { cacheRoutes } from './cache/routes';
import { bestsellersRoutes } from './bestsellers/routes';
import { rateLimitsRoutes } from './rate-limits/routes';
import { recentlyViewedRoutes } from './recently-viewed/routes';

export interface AppDeps {
  redis: Redis;
  keys: KeyBuilder;
  logger: Logger;
  serviceToken: string;
  settings: ServiceSettings;
  /** Now, injectable so tests can record bestsellers "six days ago". */
  clock: () => Date;
  redisMode?: 'standalone' | 'cluster';
}

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
    ],
    errorTranslators: [redisUnavailableErrors],
  });
}
