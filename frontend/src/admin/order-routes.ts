import { Router, type Request, type Response } from 'express';
import { z } from 'zod';
import { HttpError, ORDER_STATUSES, type AdminOrder, type AdminOrderTarget } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';
import { pageField } from '../catalog/schema';
import { paginate, urlWithQuery } from '../catalog/view-models';
import { toOrderView } from '../orders/view-models';
import { errorSummaryItems, parseForm } from '../web/forms';
import { logAdminAction } from './audit';
import { orderIdFrom } from './params';
import { refreshShopCatalog } from './shop-refresh';
import { ORDER_STATUS_TEXT, TRANSITION_BUTTONS, adminOrderUrl, dateTimeText, toOrderRow } from './view-models';

const PAGE_SIZE = 25;

const day = (label: string) =>
  z
    .string({ error: `Enter one ${label} date` })
    .trim()
    .optional()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(
      z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, `Enter the ${label} date as YYYY-MM-DD, like 2026-03-31`)
        .refine((text) => {
          const date = new Date(`${text}T00:00:00Z`);
          return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
        }, `Enter a ${label} date that exists`)
        .optional(),
    );

const orderListQuery = z
  .object({
    status: z
      .string({ error: 'Choose one status' })
      .optional()
      .transform((text) => (text === '' ? undefined : text))
      .pipe(z.enum(ORDER_STATUSES, { error: 'Choose a status from the list' }).optional()),
    from: day('from'),
    to: day('to'),
    page: pageField,
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && q.from > q.to) ctx.addIssue({ code: 'custom', path: ['to'], message: 'The to date must not be before the from date' });
  });

const statusBody = z.object({ status: z.enum(['shipped', 'delivered', 'cancelled'], { error: 'Choose a status change' }) });

const STATUS_OPTIONS = [{ value: '', text: 'Every status' }, ...ORDER_STATUSES.map((s) => ({ value: s, text: ORDER_STATUS_TEXT[s].text }))];

function renderOrder(res: Response, order: AdminOrder, status: number, problem: string | null, changed: string | null): void {
  const view = toOrderView(order);
  res.status(status).render('admin/order', {
    pageTitle: `${problem ? 'Error: ' : ''}Order ${order.id}`,
    noIndex: true,
    adminSection: 'orders',
    order: { ...view, status: ORDER_STATUS_TEXT[order.status], placedText: dateTimeText(order.createdAt), customer: order.customer, paymentFailure: order.paymentFailure },
    transitions: order.allowedTransitions.map((target) => ({ value: target, ...TRANSITION_BUTTONS[target] })),
    action: `${adminOrderUrl(order.id)}/status`,
    errorSummary: problem ? [{ href: '#order-actions', text: problem }] : [],
    changed,
  });
}

/** Orders: the list by status and day, an order's page, the changes its state allows. */
export function orderRoutes(): Router {
  const router = Router();

  router.get('/admin/orders', async (req, res) => {
    const form = parseForm(orderListQuery, req.query);
    const common = { pageTitle: 'Orders', noIndex: true, adminSection: 'orders', raw: form.raw, statusOptions: STATUS_OPTIONS };
    if (!form.ok && form.problems.page) throw new HttpError(400, 'validation_failed', form.problems.page);
    if (!form.ok) {
      res.status(400).render('admin/orders', { ...common, pageTitle: 'Error: Orders', problems: form.problems, errorSummary: errorSummaryItems(form.problems), orders: [], total: 0, pagination: null });
      return;
    }
    const { status, from, to } = form.values;
    const page = form.values.page ?? 1;
    const result = await req.backends.rds.adminListOrders({ status, from, to, page, pageSize: PAGE_SIZE });
    res.render('admin/orders', {
      ...common,
      problems: {},
      errorSummary: [],
      orders: result.items.map(toOrderRow),
      total: result.total,
      pagination: paginate(page, result.totalPages, (n) => urlWithQuery('/admin/orders', { status, from, to, page: n > 1 ? n : undefined })),
    });
  });

  router.get('/admin/orders/:id', async (req, res) => {
    const order = await req.backends.rds.adminGetOrder(orderIdFrom(req));
    const changed = typeof req.query.changed === 'string' && req.query.changed in TRANSITION_BUTTONS ? req.query.changed : null;
    renderOrder(res, order, 200, null, changed);
  });

  router.post('/admin/orders/:id/status', async (req: Request, res) => {
    const orderId = orderIdFrom(req);
    const form = parseForm(statusBody, req.body);
    if (!form.ok) {
      renderOrder(res, await req.backends.rds.adminGetOrder(orderId), 422, form.problems.status ?? 'Choose a status change', null);
      return;
    }
    const target: AdminOrderTarget = form.values.status;
    try {
      await req.backends.rds.adminSetOrderStatus(orderId, target);
    } catch (err) {
      // Someone else moved it first, or the button was forged: say what the order is now.
      if (!isBackendError(err, 409, 'illegal_transition')) throw err;
      const order = await req.backends.rds.adminGetOrder(orderId);
      logAdminAction(req, 'order.status_refused', { orderId, target, current: order.status });
      const now = ORDER_STATUS_TEXT[order.status].text.toLowerCase();
      renderOrder(res, order, 409, `This order is ${now}: “${TRANSITION_BUTTONS[target].text}” is not possible now`, null);
      return;
    }
    logAdminAction(req, 'order.status', { orderId, status: target });
    // A cancellation puts books back in stock: the shop's cached pages must show it.
    if (target === 'cancelled') await refreshShopCatalog(req);
    res.redirect(303, `${adminOrderUrl(orderId)}?changed=${target}`);
  });

  return router;
}
