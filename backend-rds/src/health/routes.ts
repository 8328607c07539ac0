import { Router } from 'express';
import { elapsedMs, healthRoutes } from '@bookstore/common';
import type { PrismaClient } from '../db/client';

/**
 * `/healthz` and `/readyz` for load balancers, and `/test_connection`: the course's check
 * that an instance reaches its database (RDS security groups, subnets, credentials).
 */
export function databaseHealthRoutes(prisma: PrismaClient): Router {
  const router = healthRoutes({ checkReady: async () => void (await prisma.$queryRaw`SELECT 1`) });
  router.get('/test_connection', async (req, res) => {
    const started = process.hrtime.bigint();
    try {
      const [row] = await prisma.$queryRaw<{ version: string; now: Date }[]>`
        SELECT version() AS version, now() AS now`;
      res.json({
        status: 'ok',
        database: 'postgresql',
        latencyMs: elapsedMs(started),
        serverVersion: row?.version,
        serverTime: row?.now,
      });
    } catch (err) {
      req.log?.error({ err }, 'test_connection failed');
      res.status(503).json({
        status: 'error',
        database: 'postgresql',
        latencyMs: elapsedMs(started),
        error: 'PostgreSQL did not answer; check DATABASE_URL, security groups and the instance',
      });
    }
  });
  return router;
}
