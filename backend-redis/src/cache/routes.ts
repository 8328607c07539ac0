import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { entryParams, namespaceParams, putEntryBody } from './schema';
import { cacheService } from './service';

export function cacheRoutes(deps: AppDeps): Router {
  const cache = cacheService(deps);
  const router = Router();

  router.get('/cache/:namespace/entries/:key', async (req, res) => {
    const { namespace, key } = parseInput(entryParams, req.params, 'params');
    const raw = await cache.getRaw(namespace, key);
    // The stored text is JSON we wrote ourselves: splice it in rather than parse and re-serialise.
    res
      .type('application/json')
      .send(`{"namespace":${JSON.stringify(namespace)},"key":${JSON.stringify(key)},"value":${raw}}`);
  });

  router.put('/cache/:namespace/entries/:key', async (req, res) => {
    const { namespace, key } = parseInput(entryParams, req.params, 'params');
    const { value, ttlMs } = parseInput(putEntryBody, req.body);
    res.json(await cache.put(namespace, key, value, ttlMs));
  });

  router.delete('/cache/:namespace/entries/:key', async (req, res) => {
    const { namespace, key } = parseInput(entryParams, req.params, 'params');
    await cache.remove(namespace, key);
    res.status(204).end();
  });

  router.post('/cache/:namespace/invalidate', async (req, res) => {
    const { namespace } = parseInput(namespaceParams, req.params, 'params');
    res.json(await cache.invalidate(namespace));
  });

  router.get('/cache/:namespace/stats', async (req, res) => {
    const { namespace } = parseInput(namespaceParams, req.params, 'params');
    res.json(await cache.stats(namespace));
  });

  return router;
}
