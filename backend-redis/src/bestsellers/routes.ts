import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { rebuildBody, recordOrderBody, topQuery } from './schema';
import { bestsellerService } from './service';

export function bestsellersRoutes(deps: AppDeps): Router {
  const bestsellers = bestsellerService(deps);
  const router = Router();

  router.post('/bestsellers/orders', async (req, res) => {
    const { orderId, items } = parseInput(recordOrderBody, req.body);
    const recorded = await bestsellers.recordOrder(orderId, items);
    // 201 the first time; 200 for a repeat, which changed nothing.
    res.status(recorded ? 201 : 200).json({ orderId, recorded });
  });

  router.get('/bestsellers', async (req, res) => {
    const { window, limit } = parseInput(topQuery, req.query, 'query');
    res.json(await bestsellers.top(window, limit));
  });

  router.put('/bestsellers', async (req, res) => {
    res.json(await bestsellers.rebuild(parseInput(rebuildBody, req.body)));
  });

  return router;
}
