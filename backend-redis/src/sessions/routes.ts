import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { createSessionBody, rotateSessionBody, sessionParams, updateSessionBody } from './schema';
import { sessionService } from './service';

export function sessionsRoutes(deps: AppDeps): Router {
  const sessions = sessionService(deps);
  const router = Router();

  router.post('/sessions', async (req, res) => {
    const { data } = parseInput(createSessionBody, req.body ?? {});
    res.status(201).json(await sessions.create(data));
  });

  router.get('/sessions/:sessionId', async (req, res) => {
    const { sessionId } = parseInput(sessionParams, req.params, 'params');
    res.json(await sessions.read(sessionId));
  });

  router.put('/sessions/:sessionId', async (req, res) => {
    const { sessionId } = parseInput(sessionParams, req.params, 'params');
    const { data } = parseInput(updateSessionBody, req.body);
    res.json(await sessions.update(sessionId, data));
  });

  router.delete('/sessions/:sessionId', async (req, res) => {
    const { sessionId } = parseInput(sessionParams, req.params, 'params');
    await sessions.destroy(sessionId);
    res.status(204).end();
  });

  router.post('/sessions/:sessionId/rotate', async (req, res) => {
    const { sessionId } = parseInput(sessionParams, req.params, 'params');
    const { data } = parseInput(rotateSessionBody, req.body ?? {});
    res.status(201).json(await sessions.rotate(sessionId, data));
  });

  return router;
}
