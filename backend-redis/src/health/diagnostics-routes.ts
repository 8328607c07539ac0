import { Router } from 'express';
import { elapsedMs, type BackendDiagnostics } from '@bookstore/common';
import type { Redis } from '../redis/client';
import { checkRedis, type RedisDiagnostics } from './redis-diagnostics';

/**
 * `GET /diagnostics`, behind the service token (it is mounted with the features): what the
 * frontend's /diagnostics page shows about this service and Redis (endpoint, mode, TLS,
 * version), with a timed PING and, when it fails, why in plain words. Always a 200: the
 * answer describes the failure, it is not one.
 */
export function redisDiagnosticsRoutes(redis: Redis, diagnostics: RedisDiagnostics): Router {
  const router = Router();
  router.get('/diagnostics', async (req, res) => {
    const started = process.hrtime.bigint();
    const store = await checkRedis(redis, diagnostics, req.log);
    const answer: BackendDiagnostics = {
      service: 'backend-redis',
      version: diagnostics.version,
      hostName: diagnostics.hostName,
      elapsedMs: elapsedMs(started),
      store,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer);
  });
  return router;
}
