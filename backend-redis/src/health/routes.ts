import { Router } from 'express';
import { elapsedMs, healthRoutes } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { describeConnectionFailure } from './connection-failure';

/**
 * `/healthz` and `/readyz` (Redis answers a PING) for load balancers, and `/test_connection`:
 * the course's check that an instance reaches Redis (ElastiCache security groups, TLS, AUTH).
 * All three answer without the service token, so they say whether and how fast, never where
 * Redis is or why in the client's words: that goes to the log.
 */
export function redisHealthRoutes({ redis }: Pick<AppDeps, 'redis'>): Router {
  const router = healthRoutes({
    checkReady: async () => {
      try {
        await redis.ping();
      } catch (err) {
        // The reason is public; the cause (with the address it tried) is logged with it.
        throw new Error('redis_unavailable', { cause: err });
      }
    },
  });

  // Express matches `/test_connection/` here too (non-strict routing), as the Django
  // original's URL pattern did.
  router.get('/test_connection', async (req, res) => {
    const started = process.hrtime.bigint();
    try {
      await redis.ping();
      res.json({ message: 'Connection to Backend Redis is successful!', latencyMs: elapsedMs(started) });
    } catch (err) {
      req.log?.error({ err }, 'test_connection failed');
      res.status(500).json({ error: 'Could not connect to Redis', details: describeConnectionFailure(err) });
    }
  });
  return router;
}
