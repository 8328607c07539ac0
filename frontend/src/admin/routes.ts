import { Router } from 'express';
import type { AppDeps } from '../deps';
import { requireAdmin } from './access';
import { bookRoutes } from './book-routes';
import { dashboardRoutes } from './dashboard-routes';
import { orderRoutes } from './order-routes';
import { stockRoutes } from './stock-routes';

/**
 * The back office under /admin: a guest is sent to sign in, a customer gets 403, an admin
 * goes on (backend-rds checks the role again on every call). Every form carries the CSRF
 * token; every write is logged with the admin's id and the request id.
 */
export function adminRoutes(_deps: AppDeps): Router {
  const router = Router();
  // A prefix: /admin and everything under it (not /administrator).
  router.use('/admin', requireAdmin, (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  router.use(dashboardRoutes(), bookRoutes(), stockRoutes(), orderRoutes());
  return router;
}
