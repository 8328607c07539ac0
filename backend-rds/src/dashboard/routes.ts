import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { requireAdmin } from '../http/acting-user';
import { dashboardQuery } from './schema';
import { dashboard } from './service';

/** `GET /admin/dashboard`: the back office's first page, for admins. */
export function dashboardRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.primary;
  router.get('/admin/dashboard', async (req, res) => {
    await requireAdmin(req, db);
    res.json(await dashboard(db, deps.clock(), parseInput(dashboardQuery, req.query, 'query')));
  });
  return router;
}
