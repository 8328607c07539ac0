import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import {
  addItemBody,
  cartLineParams,
  cartOwnerParams,
  mergeBody,
  setQuantityBody,
  userParams,
  type CartOwner,
} from './schema';
import { cartService } from './service';

export function cartsRoutes(deps: AppDeps): Router {
  const carts = cartService(deps);
  const router = Router();
  const ownerOf = (params: unknown): CartOwner => parseInput(cartOwnerParams, params, 'params');

  router.get('/carts/:kind/:ownerId', async (req, res) => {
    res.json(await carts.read(ownerOf(req.params)));
  });

  router.post('/carts/:kind/:ownerId/items', async (req, res) => {
    const owner = ownerOf(req.params);
    const { bookId, quantity } = parseInput(addItemBody, req.body);
    res.json(await carts.addItem(owner, bookId, quantity));
  });

  router.put('/carts/:kind/:ownerId/items/:bookId', async (req, res) => {
    const owner = ownerOf(req.params);
    const { bookId } = parseInput(cartLineParams, req.params, 'params');
    const { quantity } = parseInput(setQuantityBody, req.body);
    res.json(await carts.setQuantity(owner, bookId, quantity));
  });

  router.delete('/carts/:kind/:ownerId/items/:bookId', async (req, res) => {
    const owner = ownerOf(req.params);
    const { bookId } = parseInput(cartLineParams, req.params, 'params');
    res.json(await carts.removeItem(owner, bookId));
  });

  router.delete('/carts/:kind/:ownerId', async (req, res) => {
    await carts.clear(ownerOf(req.params));
    res.status(204).end();
  });

  router.post('/carts/user/:userId/merge', async (req, res) => {
    const { userId } = parseInput(userParams, req.params, 'params');
    const { guestSessionId } = parseInput(mergeBody, req.body);
    res.json(await carts.mergeGuestCart(userId, guestSessionId));
  });

  return router;
}
