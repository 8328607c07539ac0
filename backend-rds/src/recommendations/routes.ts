import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { idParams } from '../http/params';
import { alsoBoughtQuerySchema } from './schema';
import { alsoBought } from './service';

export function recommendationsRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/books/:id/also-bought', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { limit } = parseInput(alsoBoughtQuerySchema, req.query, 'query');
    res.json({ items: await alsoBought(deps.db.reader, id, limit) });
  });

  return router;
}
