import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { requireActingUser, requireAdmin } from '../http/acting-user';
import { idParams } from '../http/params';
import { createConcurrencyLimit } from './concurrency-limit';
import { placeOrder, type OrderDeps } from './place-order';
import { orderListQuerySchema, orderStatusBodySchema, placeOrderSchema } from './schema';
import { changeOrderStatus, getOrder, listUserOrders } from './service';

const MAX_QUEUED_ORDER_TRANSACTIONS = 1_000;

export function ordersRoutes(deps: AppDeps): Router {
  const router = Router();
  const prisma = deps.db.primary;
  const orderDeps: OrderDeps = {
    db: prisma,
    payments: deps.payments,
    clock: deps.clock,
    logger: deps.logger,
    transactionTimeoutMs: deps.orderTransactionTimeoutMs,
    limit: createConcurrencyLimit(deps.orderConcurrency, MAX_QUEUED_ORDER_TRANSACTIONS),
    replayWaitMs: deps.orderReplayWaitMs,
  };
  const placeOrderBody = placeOrderSchema(deps.clock);

  router.post('/orders', async (req, res) => {
    const input = parseInput(placeOrderBody, req.body);
    const buyer = await requireActingUser(req, prisma);
    const { order, replayed } = await placeOrder(orderDeps, { ...input, userId: buyer.id });
    res.status(replayed ? 200 : 201).json(order);
  });

  router.get('/users/:id/orders', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const pagination = parseInput(orderListQuerySchema, req.query, 'query');
    const actingUser = await requireActingUser(req, prisma);
    res.json(await listUserOrders(prisma, actingUser, id, pagination));
  });

  router.get('/orders/:id', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const actingUser = await requireActingUser(req, prisma);
    res.json(await getOrder(prisma, actingUser, id));
  });

  router.post('/orders/:id/cancel', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const actingUser = await requireActingUser(req, prisma);
    res.json(await changeOrderStatus(orderDeps, actingUser, id, 'cancelled'));
  });

  router.post('/orders/:id/status', async (req, res) => {
    const { id } = parseInput(idParams, req.params, 'params');
    const { status } = parseInput(orderStatusBodySchema, req.body);
    const admin = await requireAdmin(req, prisma);
    res.json(await changeOrderStatus(orderDeps, admin, id, status));
  });

  return router;
}
