import { Router } from 'express';
import { elapsedMs, healthRoutes } from '@bookstore/common';
import type { AppDeps } from '../deps';

/**
 * `/healthz` and `/readyz` (Redis answers a PING) for load balancers, and `/test_connection`:
 * the course's check that an instance reaches Redis (ElastiCache security groups, TLS, AUTH).
 */
export function redisHealthRoutes({ redis, redisMode = 'standalone' }: Pick<AppDeps, 'redis' | 'redisMode'>): Router {
  const router = healthRoutes({ checkReady: async () => void (await redis.ping()) });
  router.get('/test_connection', async (req, res) => {
    const started = process.hrtime.bigint();
    try {
      const reply = await redis.ping();
      res.json({ status: 'ok', database: 'redis', mode: redisMode, reply, latencyMs: elapsedMs(started) });
    } catch (err) {
      req.log?.error({ err }, 'test_connection failed');
      res.status(503).json({
        status: 'error',
        database: 'redis',
        mode: redisMode,
        latencyMs: elapsedMs(started),
        error: 'Redis did not answer; check REDIS_URL, TLS/AUTH settings and security groups',
      });
    }
  });
  return router;
}
