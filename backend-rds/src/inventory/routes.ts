import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { requireAdmin } from '../http/acting-user';
import { idParams, paginationSchema } from '../http/params';
import { createBookBody, stockAdjustmentBody, updateBookBody } from './schema';
import { archiveBook, createBook, updateBook } from './service';
import { adjustStock, listStockAdjustments } from './stock';

/**
 * Admin catalogue and inventory. Everything runs on the primary: these are writes, and
 * an admin must see their own change immediately. Who is asking is checked before the input.
 */
export function inventoryRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.primary;

  router.post('/admin/books', async (req, res) => {
    const admin = await requireAdmin(req, db);
    const input = parseInput(createBookBody, req.body);
    res.status(201).json(await createBook(db, admin, input));
  });

  router.patch('/admin/books/:id', async (req, res) => {
    await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    const input = parseInput(updateBookBody, req.body);
    res.json(await updateBook(db, id, input));
  });

  router.delete('/admin/books/:id', async (req, res) => {
    await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    await archiveBook(db, id, deps.clock());
    res.status(204).end();
  });

  router.post('/admin/books/:id/stock-adjustments', async (req, res) => {
    const admin = await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    const input = parseInput(stockAdjustmentBody, req.body);
    res.status(201).json(await adjustStock(db, id, admin, input));
  });

  router.get('/admin/books/:id/stock-adjustments', async (req, res) => {
    await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    const pagination = parseInput(paginationSchema, req.query, 'query');
    res.json(await listStockAdjustments(db, id, pagination));
  });

  return router;
}
