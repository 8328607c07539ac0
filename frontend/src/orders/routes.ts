import { Router, type Request, type Response } from 'express';
import { HttpError, type Order } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { isBackendError } from '../backends/backend-error';
import { paginate, urlWithQuery } from '../catalog/view-models';
import { assertBasketAvailable, basketFailures } from '../web/basket-availability';
import { errorSummaryItems, parseForm, type FieldProblems } from '../web/forms';
import { signInUrl } from '../web/signed-in';
import { ORDERS_PAGE_SIZE, orderHistoryQuery, orderIdFrom } from './schema';
import { orderUrl, toOrderSummary, toOrderView } from './view-models';

const orderNotFound = () => new HttpError(404, 'order_not_found', 'We could not find that order in your account. Check the link, or see all your orders on your account page.');

/** backend-rds answers another customer's order exactly as a missing one: both are this 404. */
async function readOrder(req: Request, orderId: number): Promise<Order> {
  try {
    return await req.backends.rds.getOrder(orderId);
  } catch (err) {
    if (isBackendError(err, 404)) throw orderNotFound();
    throw err;
  }
}

function renderOrder(req: Request, res: Response, order: Order, state: { status: number; problems: FieldProblems } = { status: 200, problems: {} }): void {
  const view = toOrderView(order);
  res.status(state.status).render('orders/order', {
    pageTitle: `${state.status === 200 ? '' : 'Error: '}Order ${order.id}`,
    noIndex: true,
    order: view,
    placed: req.query.placed === '1',
    cancelled: req.query.cancelled === '1',
    problems: state.problems,
    errorSummary: errorSummaryItems(state.problems),
  });
}

/** The account page with the order history, each order's page, cancelling a paid order. */
export function ordersRoutes(_deps: AppDeps): Router {
  const router = Router();

  router.get('/account', async (req, res) => {
    await assertBasketAvailable(req);
    const userId = req.shopSession.userId;
    if (userId === undefined) return res.redirect(303, signInUrl(req, '/account'));
    const query = parseForm(orderHistoryQuery, req.query);
    if (!query.ok) throw new HttpError(400, 'validation_failed', query.problems.page ?? 'Bad page number');
    const page = query.values.page ?? 1;
    const [profile, orders] = await Promise.all([
      req.backends.rds.getUser(userId),
      req.backends.rds.listUserOrders(userId, page, ORDERS_PAGE_SIZE),
    ]);
    if (page > 1 && page > orders.totalPages) throw new HttpError(404, 'page_not_found', 'There are not that many pages of orders');
    res.render('account/account', {
      pageTitle: 'Your account',
      noIndex: true,
      profile,
      orders: orders.items.map(toOrderSummary),
      ordersTotal: orders.total,
      pagination: paginate(page, orders.totalPages, (n) => urlWithQuery('/account', { page: n > 1 ? n : undefined })),
    });
  });

  router.get('/account/orders/:orderId', async (req, res) => {
    await assertBasketAvailable(req);
    if (req.shopSession.userId === undefined) return res.redirect(303, signInUrl(req));
    const orderId = orderIdFrom(req.params.orderId);
    if (orderId === undefined) throw orderNotFound();
    renderOrder(req, res, await readOrder(req, orderId));
  });

  router.post('/account/orders/:orderId/cancel', async (req, res) => {
    const orderId = orderIdFrom(req.params.orderId);
    if (orderId === undefined) throw orderNotFound();
    if (req.shopSession.userId === undefined) return res.redirect(303, signInUrl(req, orderUrl(orderId)));
    try {
      await req.backends.rds.cancelOrder(orderId);
    } catch (err) {
      if (isBackendError(err, 404)) throw orderNotFound();
      if (!isBackendError(err, 409, 'illegal_transition')) throw err;
      const order = await readOrder(req, orderId);
      const reason = order.status === 'cancelled' ? 'it is already cancelled' : `it is ${toOrderView(order).status.text.toLowerCase()}`;
      return renderOrder(req, res, order, { status: 422, problems: { 'order-status': `This order can no longer be cancelled: ${reason}` } });
    }
    res.redirect(303, `${orderUrl(orderId)}?cancelled=1`);
  });

  router.use(basketFailures);
  return router;
}
