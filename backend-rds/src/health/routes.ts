import { Router } from 'express';
import { elapsedMs, healthRoutes } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { describeConnectionFailure } from './connection-failure';

/**
 * `/healthz` and `/readyz` for load balancers, and `/test_connection`: the course's check
 * that an instance reaches its database (RDS security groups, subnets, credentials). All
 * three answer without the service token, so they say whether and how fast, never what
 * the database is (version, host) or why in the driver's words: that goes to the log.
 */
export function databaseHealthRoutes(prisma: PrismaClient): Router {
  const router = healthRoutes({
    checkReady: async () => {
      try {
        await prisma.$queryRaw`SELECT 1`;
      } catch (err) {
        // The reason is public; the cause (with the address it tried) is logged with it.
        throw new Error('database_unavailable', { cause: err });
      }
    },
  });

  // Express matches `/test_connection/` here too (non-strict routing), as the Django
  // original's URL pattern did.
  router.get('/test_connection', async (req, res) => {
    const started = process.hrtime.bigint();
    try {
      await prisma.$queryRaw`SELECT 1`;
      res.json({ message: 'Connection to Backend RDS is successful!', latencyMs: elapsedMs(started) });
    } catch (err) {
      req.log?.error({ err }, 'test_connection failed');
      res.status(500).json({ error: 'Could not connect to the database', details: describeConnectionFailure(err) });
    }
  });
  return router;
}
