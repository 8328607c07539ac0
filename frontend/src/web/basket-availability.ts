import type { ErrorRequestHandler, Request } from 'express';
import { HttpError } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';

/** backend-redis's readiness is asked with this deadline: the 503 page must come fast. */
const READY_TIMEOUT_MS = 500;

const basketUnavailable = () =>
  new HttpError(
    503,
    'basket_unavailable',
    'Our basket and sign-in are unavailable right now. You can still browse and search the shop: please try again in a few minutes.',
    undefined,
    { 'Retry-After': '30' },
  );

/**
 * The cart, sign-in and checkout live in backend-redis (sessions, carts, rate limits). When
 * it is away they answer the 503 page at once. A visitor with a session already knows
 * (the session read failed); one without asks backend-redis's /readyz, as a page that shows
 * a form they cannot use is worse than saying so.
 */
export async function assertBasketAvailable(req: Request): Promise<void> {
  if (req.shopSession.unavailable) throw basketUnavailable();
  if (req.shopSession.id) return;
  try {
    await req.backends.redis.checkReady(READY_TIMEOUT_MS);
  } catch (err) {
    req.log.warn({ err }, 'backend-redis not ready: basket unavailable');
    throw basketUnavailable();
  }
}

/** backend-redis (or the session store behind it) failed mid-request. */
function isBasketFailure(err: unknown): boolean {
  if (err instanceof HttpError) return err.status === 503 && err.code === 'sessions_unavailable';
  return isBackendError(err) && err.backend === 'backend-redis' && err.unavailable;
}

/**
 * The last handler of the cart, account and checkout routers: a backend-redis failure
 * becomes the basket's own 503 page; everything else goes on to the shop's error pages.
 */
export const basketFailures: ErrorRequestHandler = (err, _req, _res, next) => {
  next(isBasketFailure(err) ? basketUnavailable() : err);
};
