import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { isOwnerOrAdmin, requireActingUser } from '../http/acting-user';
import { idParams } from '../http/params';
import { credentialsSchema, registerUserSchema } from './schema';
import { getUserProfile, registerUser, userNotFound, verifyCredentials } from './service';

export function usersRoutes(deps: AppDeps): Router {
  const router = Router();
  const prisma = deps.db.primary;

  router.post('/users', async (req, res) => {
    const input = parseInput(registerUserSchema, req.body);
    res.status(201).json(await registerUser(prisma, input));
  });

  router.post('/users/verify-credentials', async (req, res) => {
    const input = parseInput(credentialsSchema, req.body);
    res.json(await verifyCredentials(prisma, input));
  });

  router.get('/users/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const actingUser = await requireActingUser(req, prisma);
    if (!isOwnerOrAdmin(actingUser, id)) throw userNotFound(id);
    res.json(await getUserProfile(prisma, id));
  });

  return router;
}
