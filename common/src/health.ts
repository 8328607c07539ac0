import { Router } from 'express';

export interface HealthOptions {
  /** Resolves when the service's dependency answers; rejects (or times out) otherwise. */
  checkReady: () => Promise<void>;
  /** How long a readiness probe may take before it counts as a failure. */
  timeoutMs?: number;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err instanceof Error ? err : new Error(String(err)));
      },
    );
  });
}

/**
 * `/healthz`: the process is alive (a load balancer keeps it). `/readyz`: its dependency
 * answers (an orchestrator sends traffic). Both are unauthenticated by design.
 */
export function healthRoutes({ checkReady, timeoutMs = 2000 }: HealthOptions): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (req, res) => {
    try {
      await withTimeout(checkReady(), timeoutMs);
      res.json({ status: 'ready' });
    } catch (err) {
      req.log?.warn({ err }, 'readiness check failed');
      res.status(503).json({ status: 'not_ready', reason: (err as Error).message });
    }
  });
  return router;
}

