import type { RequestHandler } from 'express';
import { absoluteUrl } from './absolute-url';

/** How many books the visitor's cart holds, for the header; null when unknown. */
async function cartCount(req: Parameters<RequestHandler>[0]): Promise<number | null> {
  const session = req.shopSession;
  if (!session.id || session.unavailable) return null;
  const owner = session.userId !== undefined ? (['user', session.userId] as const) : (['guest', session.id] as const);
  try {
    const cart = await req.backends.redis.getCart(owner[0], owner[1]);
    return cart.totalQuantity;
  } catch (err) {
    req.log.warn({ err }, 'cart count unavailable');
    return null;
  }
}

/**
 * What every page's header and footer show: the request id, who is signed in, the cart
 * count, the search box's text. A visitor without a session costs no backend call here.
 */
export function setUpLocals(publicBaseUrl: string | undefined): RequestHandler {
  return async (req, res, next) => {
    res.locals.absoluteUrl = absoluteUrl(req, publicBaseUrl);
    res.locals.requestId = req.id;
    res.locals.currentPath = req.path;
    res.locals.signedInName = req.shopSession.userId !== undefined ? (req.shopSession.data.userName ?? 'Your account') : null;
    res.locals.showAdminLink = req.shopSession.userId !== undefined && req.shopSession.data.userRole === 'admin';
    res.locals.cartCount = await cartCount(req);
    res.setHeader('Cache-Control', 'private, no-cache');
    next();
  };
}
