import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { listQuery, recordViewBody, userParams } from './schema';
import { recentlyViewedService } from './service';

export function recentlyViewedRoutes(deps: AppDeps): Router {
  const recentlyViewed = recentlyViewedService(deps);
  const router = Router();

  router.post('/recently-viewed/:userId', async (req, res) => {
    const { userId } = parseInput(userParams, req.params, 'params');
    const { bookId } = parseInput(recordViewBody, req.body);
    res.json(await recentlyViewed.record(userId, bookId));
  });

  router.get('/recently-viewed/:userId', async (req, res) => {
    const { userId } = parseInput(userParams, req.params, 'params');
    const { limit } = parseInput(listQuery, req.query, 'query');
    res.json(await recentlyViewed.list(userId, limit));
  });

  router.delete('/recently-viewed/:userId', async (req, res) => {
    const { userId } = parseInput(userParams, req.params, 'params');
    await recentlyViewed.clear(userId);
    res.status(204).end();
  });

  return router;
}
