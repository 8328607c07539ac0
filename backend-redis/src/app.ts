import express from 'express';
import {
  errorHandler,
  notFoundHandler,
  requestLogging,
  requireServiceToken,
  type Logger,
} from '@bookstore/common';
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
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use(requestLogging(deps.logger));
  app.use(redisHealthRoutes(deps));

  app.use(requireServiceToken(deps.serviceToken));
  // Cached catalog pages and bestseller rebuilds are the largest bodies.
  app.use(express.json({ limit: '256kb', strict: true }));

  app.use(sessionsRoutes(deps));
  app.use(cartsRoutes(deps));
  app.use(cacheRoutes(deps));
  app.use(bestsellersRoutes(deps));
  app.use(rateLimitsRoutes(deps));
  app.use(recentlyViewedRoutes(deps));

  app.use(notFoundHandler);
  app.use(redisUnavailableErrors);
  app.use(errorHandler);
  return app;
}
