import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { requireActingUser } from '../http/acting-user';
import { idParams } from '../http/params';
import { reviewListQuerySchema, writeReviewSchema } from './schema';
import { listReviews, writeReview } from './service';

export function reviewsRoutes(deps: AppDeps): Router {
  const router = Router();
  // The primary, not a replica: a reviewer expects to see their review on the next page load.
  const prisma = deps.db.primary;

  router.post('/books/:id/reviews', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const input = parseInput(writeReviewSchema, req.body);
    const reviewer = await requireActingUser(req, prisma);
    res.status(201).json(await writeReview(prisma, id, reviewer.id, input));
  });

  router.get('/books/:id/reviews', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const pagination = parseInput(reviewListQuerySchema, req.query, 'query');
    res.json(await listReviews(prisma, id, pagination));
  });

  return router;
}
