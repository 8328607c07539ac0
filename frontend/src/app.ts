import path from 'node:path';
import express from 'express';
import cookieParser from 'cookie-parser';
import { healthRoutes, requestLogging } from '@bookstore/common';
import type { AppDeps } from './deps';
import './web/request-types';
import { PUBLIC_DIR } from './web/assets';
import { setUpSecurity } from './web/security';
import { setUpSession } from './web/session';
import { setUpCsrf } from './web/csrf';
import { setUpLocals } from './web/locals';
import { errorPages, pageNotFound } from './web/error-pages';
import { coverRoutes } from './catalog/cover-routes';
import { seoRoutes } from './seo/routes';
import { suggestRoutes } from './search/suggest-routes';
import { catalogRoutes } from './catalog/routes';
import { bookRoutes } from './catalog/book-routes';
import { searchRoutes } from './search/routes';
import { cartRoutes } from './cart/routes';
import { accountRoutes } from './account/routes';
import { ordersRoutes } from './orders/routes';
import { checkoutRoutes } from './checkout/routes';
import { reviewRoutes } from './reviews/routes';
import { diagnosticsRoutes } from './diagnostics/routes';
import { adminRoutes } from './admin/routes';

export const VIEWS_DIR = path.join(__dirname, '..', 'views');

/**
 * The shop's pages, as a pipeline: logging → health → security → session → csrf → locals →
 * features → errors. Opens no port and holds no global state: tests build one per file.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  // nginx is the one proxy hop whose X-Forwarded-Proto (Secure cookies) and -For are believed.
  app.set('trust proxy', deps.settings.trustProxyHops);
  // Plain `?a=1&b=2` only: no nested objects from `?a[b]=1`.
  app.set('query parser', 'simple');
  app.set('views', VIEWS_DIR);
  app.set('view engine', 'ejs');
  app.set('view cache', deps.settings.nodeEnv !== 'development');
  app.locals.asset = deps.assets;
  app.locals.cartCount = null;
  app.locals.signedInName = null;
  app.locals.searchQuery = '';
  app.locals.currentPath = '';

  // logging
  app.use(requestLogging(deps.logger));
  app.use((req, _res, next) => {
    req.backends = deps.backends.forRequest(() => ({ requestId: String(req.id), userId: req.shopSession?.userId, log: req.log }));
    next();
  });
  // health
  app.use(healthRoutes({ checkReady: () => deps.backends.checkReady() }));
  if (deps.settings.serveStatic) app.use('/static', express.static(PUBLIC_DIR, { maxAge: '30d', index: false }));
  // security
  app.use(setUpSecurity());
  // Covers, robots.txt, sitemap.xml and search suggestions need no session: a page with 24
  // covers must not read the session 24 times.
  app.use(coverRoutes(deps), seoRoutes(deps), suggestRoutes());
  // session
  app.use(cookieParser());
  app.use(express.urlencoded({ extended: false, limit: '32kb', parameterLimit: 200 }));
  app.use(setUpSession());
  // csrf
  app.use(setUpCsrf(deps.settings.cookieSecret));
  // locals
  app.use(setUpLocals(deps.settings.publicBaseUrl));
  // features
  app.use(catalogRoutes(deps), bookRoutes(deps), searchRoutes());
  app.use(cartRoutes(deps), accountRoutes(deps), ordersRoutes(deps), checkoutRoutes(deps), reviewRoutes(deps));
  app.use(diagnosticsRoutes(deps), adminRoutes(deps));
  // errors
  app.use(pageNotFound);
  app.use(errorPages);
  return app;
}
