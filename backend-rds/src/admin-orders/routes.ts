import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { requireAdmin } from '../http/acting-user';
import { idParams } from '../http/params';
import { adminOrderListQuery } from './schema';
import { getAdminOrder, listAdminOrders } from './service';

/**
 * The back office's order reads. Status changes stay `POST /orders/:id/status` (orders/),
 * which checks the state machine again under a row lock; `allowedTransitions` here is what
 * the frontend offers, so it never keeps a copy of the table.
 */
export function adminOrdersRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.primary;

  router.get('/admin/orders', async (req, res) => {
    await requireAdmin(req, db);
    res.json(await listAdminOrders(db, parseInput(adminOrderListQuery, req.query, 'query')));
  });

  router.get('/admin/orders/:id', async (req, res) => {
    const admin = await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    res.json(await getAdminOrder(db, admin, id));
  });

  return router;
}
