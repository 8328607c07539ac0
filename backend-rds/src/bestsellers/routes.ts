import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { bestsellersQuerySchema } from './schema';
import { bestsellers } from './service';

export function bestsellersRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/bestsellers', async (req, res) => {
    const { days, limit } = parseInput(bestsellersQuerySchema, req.query, 'query');
    res.json({ days, items: await bestsellers(deps.db.reader, deps.clock(), days, limit) });
  });

  return router;
}
