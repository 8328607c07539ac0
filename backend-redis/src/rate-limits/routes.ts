import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { counterParams } from './schema';
import { rateLimitService } from './service';

export function rateLimitsRoutes(deps: AppDeps): Router {
  const rateLimits = rateLimitService(deps);
  const router = Router();

  // Always 200: a refusal is an answer, not an error; the frontend decides what to show.
  router.post('/rate-limits/:bucket/:key/hit', async (req, res) => {
    const { bucket, key } = parseInput(counterParams, req.params, 'params');
    const decision = await rateLimits.hit(bucket, key);
    res.setHeader('RateLimit-Limit', String(decision.limit));
    res.setHeader('RateLimit-Remaining', String(decision.remaining));
    if (!decision.allowed) res.setHeader('Retry-After', String(Math.ceil(decision.retryAfterMs / 1000)));
    res.json(decision);
  });

  router.delete('/rate-limits/:bucket/:key', async (req, res) => {
    const { bucket, key } = parseInput(counterParams, req.params, 'params');
    await rateLimits.reset(bucket, key);
    res.status(204).end();
  });

  return router;
}
