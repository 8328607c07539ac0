import type express from 'express';
import { createServiceApp } from '@bookstore/common';
import type { AppDeps } from './deps';
import { databaseUnavailableErrors } from './db/unavailable';
import { databaseHealthRoutes } from './health/routes';
import { databaseDiagnosticsRoutes } from './health/diagnostics-routes';
import { catalogRoutes } from './catalog/routes';
import { searchRoutes } from './search/routes';
import { inventoryRoutes } from './inventory/routes';
import { usersRoutes } from './users/routes';
import { ordersRoutes } from './orders/routes';
import { reviewsRoutes } from './reviews/routes';
import { recommendationsRoutes } from './recommendations/routes';
import { bestsellersRoutes } from './bestsellers/routes';
import { adminAuditLog } from './admin-audit/audit-log';
import { adminBooksRoutes } from './admin-books/routes';
import { adminOrdersRoutes } from './admin-orders/routes';
import { dashboardRoutes } from './dashboard/routes';

/** Builds the JSON API. Opens no port and holds no global state: tests build one per file. */
export function createApp(deps: AppDeps): express.Express {
  return createServiceApp({
    logger: deps.logger,
    health: databaseHealthRoutes(deps.db.primary),
    serviceToken: deps.serviceToken,
    jsonLimit: '100kb',
    features: [
      adminAuditLog(),
      catalogRoutes(deps),
      searchRoutes(deps),
      inventoryRoutes(deps),
      usersRoutes(deps),
      ordersRoutes(deps),
      reviewsRoutes(deps),
      recommendationsRoutes(deps),
      bestsellersRoutes(deps),
      adminBooksRoutes(deps),
      adminOrdersRoutes(deps),
      dashboardRoutes(deps),
      ...(deps.diagnostics ? [databaseDiagnosticsRoutes(deps.db.primary, deps.diagnostics)] : []),
    ],
    errorTranslators: [databaseUnavailableErrors],
  });
}
