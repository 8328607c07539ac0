import { Router } from 'express';
import { elapsedMs, type BackendDiagnostics } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { checkDatabase, type DatabaseDiagnosticsSettings } from './database-diagnostics';

/**
 * `GET /diagnostics`, behind the service token (it is mounted with the features): what the
 * frontend's /diagnostics page shows about this service and its database, with a timed
 * round trip and, when it fails, why in plain words. Always a 200: the answer describes
 * the failure, it is not one.
 */
export function databaseDiagnosticsRoutes(prisma: PrismaClient, settings: DatabaseDiagnosticsSettings): Router {
  const router = Router();
  router.get('/diagnostics', async (req, res) => {
    const started = process.hrtime.bigint();
    const store = await checkDatabase(prisma, settings, req.log);
    const answer: BackendDiagnostics = {
      service: 'backend-rds',
      version: settings.version,
      hostName: settings.hostName,
      elapsedMs: elapsedMs(started),
      store,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.json(answer);
  });
  return router;
}
