import { Router, type Request, type Response } from 'express';
import type { Cart, Order } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { priceCart } from '../cart/priced-cart';
import { recordPaidOrder } from '../catalog/bestsellers';
import { orderUrl } from '../orders/view-models';
import { assertBasketAvailable, basketFailures } from '../web/basket-availability';
import { errorSummaryItems, parseForm, type FieldProblems } from '../web/forms';
import { attemptAllowed } from '../web/rate-limits';
import { signInUrl } from '../web/signed-in';
import { SANDBOX_CARDS } from './card';
import { COUNTRY_OPTIONS } from './countries';
import { issueCheckoutKey, orderPlacedWith, rememberPlacedOrder } from './idempotency';
import { ORDER_SUMMARY_ID, checkoutFailure, summaryLineId } from './outcomes';
import { IDEMPOTENCY_KEY, MAX_BOOKS_PER_ORDER, checkoutForm, type CheckoutForm } from './schema';

/** Never sent back to the page, whatever happened: the card number and its security code. */
const SECRET_FIELDS = ['cardNumber', 'cvc'];

interface FormState {
  status: number;
  problems: FieldProblems;
  raw: Record<string, string>;
  headers?: Record<string, string>;
}

/** The checkout page: the address and card form beside the order summary. */
async function renderCheckout(deps: AppDeps, req: Request, res: Response, cart: Cart, key: string, state: FormState): Promise<void> {
  const priced = await priceCart(req.backends, cart);
  const raw = Object.fromEntries(Object.entries(state.raw).filter(([name]) => !SECRET_FIELDS.includes(name)));
  for (const [name, value] of Object.entries(state.headers ?? {})) res.setHeader(name, value);
  res.status(state.status).render('checkout/checkout', {
    pageTitle: `${state.status === 200 ? '' : 'Error: '}Checkout`,
    noIndex: true,
    cart: priced,
    lineId: summaryLineId,
    summaryId: ORDER_SUMMARY_ID,
    idempotencyKey: key,
    problems: state.problems,
    raw,
    errorSummary: errorSummaryItems(state.problems),
    countries: COUNTRY_OPTIONS,
    sandboxCards: deps.settings.nodeEnv === 'production' ? [] : SANDBOX_CARDS,
    thisYear: new Date().getUTCFullYear(),
  });
}

const placedUrl = (orderId: number) => `${orderUrl(orderId)}?placed=1`;

function orderRequest(cart: Cart, form: CheckoutForm, idempotencyKey: string) {
  const { name, line1, line2, city, region, postalCode, country, cardNumber, expMonth, expYear, cvc } = form;
  return {
    items: cart.items.map(({ bookId, quantity }) => ({ bookId, quantity })),
    shippingAddress: { name, line1, line2, city, region, postalCode, country },
    payment: { cardNumber, expMonth, expYear, cvc },
    idempotencyKey,
  };
}

/**
 * After a paid order: the key is closed first (so a duplicate that finds the cart empty
 * finds the order instead), then the cart is emptied and the order counted once in the
 * bestsellers' fast copy. Neither of the last two may undo a placed order.
 */
async function afterPaidOrder(req: Request, key: string, order: Order): Promise<void> {
  const userId = req.shopSession.userId!;
  await rememberPlacedOrder(req.shopSession, key, order.id);
  await req.backends.redis.clearCart({ kind: 'user', id: userId }).catch((err: unknown) => {
    req.log.warn({ err, orderId: order.id }, 'could not empty the cart after the order');
  });
  if (order.status !== 'paid') return;
  await recordPaidOrder(req.backends, order).catch((err: unknown) =>
    req.log.warn({ err, orderId: order.id }, 'could not count the order in the bestsellers'),
  );
}

/** Checkout, for signed-in shoppers: guests are sent to sign in and come back with their cart. */
export function checkoutRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/checkout', async (req, res) => {
    await assertBasketAvailable(req);
    const userId = req.shopSession.userId;
    if (userId === undefined) return res.redirect(303, signInUrl(req, '/checkout'));
    const cart = await req.backends.redis.getCart('user', userId);
    if (cart.items.length === 0) return res.redirect(303, '/cart');
    const key = await issueCheckoutKey(req.shopSession);
    await renderCheckout(deps, req, res, cart, key, {
      status: 200,
      problems: {},
      raw: { name: req.shopSession.data.userName ?? '' },
    });
  });

  router.post('/checkout', async (req, res) => {
    await assertBasketAvailable(req);
    const session = req.shopSession;
    const userId = session.userId;
    if (userId === undefined) return res.redirect(303, signInUrl(req, '/checkout'));
    const sentKey = typeof req.body?.idempotencyKey === 'string' && IDEMPOTENCY_KEY.test(req.body.idempotencyKey) ? req.body.idempotencyKey : undefined;

    // A reload or a back-and-resubmit of a form that placed its order: that order.
    const placed = sentKey && orderPlacedWith(session.data, sentKey);
    if (placed) return res.redirect(303, placedUrl(placed));

    const cart = await req.backends.redis.getCart('user', userId);
    if (cart.items.length === 0) {
      // A duplicate of a submit that has just placed the order and emptied the cart.
      const fresh = sentKey && session.id ? await req.backends.redis.readSession(session.id).catch(() => null) : null;
      const orderId = fresh && sentKey ? orderPlacedWith(fresh.data, sentKey) : undefined;
      return res.redirect(303, orderId ? placedUrl(orderId) : '/cart');
    }

    const form = parseForm(checkoutForm(new Date()), req.body);
    const key = await issueCheckoutKey(session);
    if (sentKey !== key) {
      // Not a key this session issued (a form from before a sign-in, or a forged one).
      const problems = { ...(form.ok ? {} : form.problems), [ORDER_SUMMARY_ID]: 'This checkout page was out of date: check the details and place the order again' };
      return renderCheckout(deps, req, res, cart, key, { status: 422, problems, raw: form.raw });
    }
    if (!form.ok) return renderCheckout(deps, req, res, cart, key, { status: 422, problems: form.problems, raw: form.raw });
    if (cart.items.length > MAX_BOOKS_PER_ORDER) {
      const problems = { [ORDER_SUMMARY_ID]: `One order holds at most ${MAX_BOOKS_PER_ORDER} different books: remove some from your cart and order them next` };
      return renderCheckout(deps, req, res, cart, key, { status: 422, problems, raw: form.raw });
    }

    const refusal = await attemptAllowed(req, 'checkout', `user:${userId}`);
    if (refusal) {
      return renderCheckout(deps, req, res, cart, key, {
        status: 429,
        problems: { [ORDER_SUMMARY_ID]: refusal.message },
        raw: form.raw,
        headers: { 'Retry-After': String(refusal.retryAfterSeconds) },
      });
    }

    let order: Order;
    try {
      order = await req.backends.rds.placeOrder(orderRequest(cart, form.values, key), deps.settings.checkoutTimeoutMs);
    } catch (err) {
      const failure = checkoutFailure(err);
      if (!failure) throw err;
      if (failure.kind === 'existing-order') return res.redirect(303, placedUrl(failure.orderId));
      return renderCheckout(deps, req, res, cart, key, { status: failure.status, problems: failure.problems, raw: form.raw, headers: failure.headers });
    }
    await afterPaidOrder(req, key, order);
    res.redirect(303, placedUrl(order.id));
  });

  router.use(basketFailures);
  return router;
}
