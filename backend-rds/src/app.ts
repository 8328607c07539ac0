import express from 'express';
import {
  errorHandler,
  notFoundHandler,
  requestLogging,
  requireServiceToken,
  type Logger,
} from '@bookstore/common';
import type { Database } from './db/client';
import type { PaymentProvider } from './payments/provider';
import { databaseHealthRoutes } from './health/routes';
import { catalogRoutes } from './catalog/routes';
import { searchRoutes } from './search/routes';
import { inventoryRoutes } from './inventory/routes';
import { usersRoutes } from './users/routes';
import { ordersRoutes } from './orders/routes';
import { reviewsRoutes } from './reviews/routes';
import { recommendationsRoutes } from './recommendations/routes';
import { bestsellersRoutes } from './bestsellers/routes';

export interface AppDeps {
  db: Database;
  payments: PaymentProvider;
  logger: Logger;
  serviceToken: string;
  /** Now, injectable so tests can place orders "last week". */
  clock: () => Date;
  orderTransactionTimeoutMs?: number;
  /** Order transactions run at once; keep it below the pool size (reads need connections too). */
  orderConcurrency?: number;
}

/** Builds the JSON API. Opens no port and holds no global state: tests build one per file. */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  app.set('query parser', 'simple');

  app.use(requestLogging(deps.logger));
  app.use(databaseHealthRoutes(deps.db.primary));

  app.use(requireServiceToken(deps.serviceToken));
  app.use(express.json({ limit: '100kb', strict: true }));

  app.use(catalogRoutes(deps));
  app.use(searchRoutes(deps));
  app.use(inventoryRoutes(deps));
  app.use(usersRoutes(deps));
  app.use(ordersRoutes(deps));
  app.use(reviewsRoutes(deps));
  app.use(recommendationsRoutes(deps));
  app.use(bestsellersRoutes(deps));

  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
