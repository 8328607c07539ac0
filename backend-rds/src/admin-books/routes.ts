import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { requireAdmin } from '../http/acting-user';
import { idParams } from '../http/params';
import { adminBookListQuery } from './schema';
import { getAdminBook, listAdminBooks, restoreBook } from './service';

/**
 * The back office's reads of the catalogue (archived books included) and the way back from
 * an archive. Writes (create, edit, archive, stock) are inventory/routes.ts. Always the
 * primary: an admin must see their own change at once.
 */
export function adminBooksRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.primary;

  router.get('/admin/books', async (req, res) => {
    await requireAdmin(req, db);
    res.json(await listAdminBooks(db, parseInput(adminBookListQuery, req.query, 'query')));
  });

  router.get('/admin/books/:id', async (req, res) => {
    await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    res.json(await getAdminBook(db, id));
  });

  router.post('/admin/books/:id/restore', async (req, res) => {
    await requireAdmin(req, db);
    const { id } = parseInput(idParams, req.params, 'params');
    res.json(await restoreBook(db, id));
  });

  return router;
}
