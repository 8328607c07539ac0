import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { HttpError } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { diagnosticsAccess } from './access';
import { checkBackendGroup, runDiagnostics } from './checks';
import { HOP_GROUPS, type DiagnosticsReport, type HopGroup } from './report';
import type { DiagnosticsDeps } from './settings';
import { diagnosticsView } from './view-model';

const query = z.object({ hop: z.enum(HOP_GROUPS).optional() });

/** `?hop=redis` tests one group (a row's "Test again"); no `hop`, all of them. */
function groupsFrom(req: Request): readonly HopGroup[] {
  const parsed = query.safeParse(req.query);
  if (!parsed.success) throw new HttpError(400, 'invalid_hop', `hop must be one of ${HOP_GROUPS.join(', ')}`);
  return parsed.data.hop ? [parsed.data.hop] : HOP_GROUPS;
}

function logRun(req: Request, report: DiagnosticsReport): void {
  const failing = report.hops.filter((hop) => hop.status === 'failing').map((hop) => hop.id);
  req.log.info({ tested: report.tested, failing }, 'diagnostics run');
}

const DJANGO_NAMES = { rds: 'Backend RDS', redis: 'Backend Redis' } as const;

/**
 * The Django original's `/test_rds/` and `/test_redis/`, as a drop-in: 200 `{ message }` or
 * 500 `{ error, details }` (with and without the trailing slash), plus `latencyMs`.
 */
async function djangoCheck(req: Request, res: Response, deps: DiagnosticsDeps, group: 'rds' | 'redis'): Promise<void> {
  const [backendHop, storeHop] = await checkBackendGroup(req, group, deps);
  res.setHeader('Cache-Control', 'no-store');
  if (backendHop?.status === 'ok' && storeHop?.status === 'ok') {
    const latencyMs = Math.round(((backendHop.latencyMs ?? 0) + (storeHop.latencyMs ?? 0)) * 1000) / 1000;
    res.json({ message: `Connection to ${DJANGO_NAMES[group]} is successful!`, latencyMs });
    return;
  }
  const failed = backendHop?.status === 'ok' ? storeHop : backendHop;
  const error =
    failed === backendHop ? `Could not connect to ${DJANGO_NAMES[group]}` : `${DJANGO_NAMES[group]} could not connect to ${failed?.to ?? 'its store'}`;
  const checks = failed?.failure?.checks ?? [];
  const details = [failed?.summary, checks.length > 0 ? `Check: ${checks.join(' ')}` : ''].filter(Boolean).join(' ');
  res.status(500).json({ error, details });
}

/**
 * The course's connection tester: /diagnostics (a page that works without JavaScript, and
 * refreshes in place with public/js/diagnostics.js), /diagnostics.json for scripts, and the
 * Django original's /test_rds/ and /test_redis/. DIAGNOSTICS_ACCESS=off (or no
 * `deps.diagnostics`): none of them exists.
 */
export function diagnosticsRoutes(deps: AppDeps): Router {
  const router = Router();
  const diagnostics = deps.diagnostics;
  if (!diagnostics || diagnostics.access === 'off') return router;
  const page = diagnosticsAccess(diagnostics.access, 'page');
  const json = diagnosticsAccess(diagnostics.access, 'json');

  router.get('/diagnostics', page, async (req, res) => {
    const report = await runDiagnostics(req, diagnostics, groupsFrom(req));
    logRun(req, report);
    res.setHeader('Cache-Control', 'no-store');
    res.render('diagnostics/diagnostics', {
      pageTitle: 'Diagnostics',
      noIndex: true,
      view: diagnosticsView(report, diagnostics.access),
    });
  });

  router.get('/diagnostics.json', json, async (req, res) => {
    const report = await runDiagnostics(req, diagnostics, groupsFrom(req));
    logRun(req, report);
    res.setHeader('Cache-Control', 'no-store');
    res.json(report);
  });

  router.get('/test_rds', json, (req, res) => djangoCheck(req, res, diagnostics, 'rds'));
  router.get('/test_redis', json, (req, res) => djangoCheck(req, res, diagnostics, 'redis'));
  return router;
}
