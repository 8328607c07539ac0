import express, { type ErrorRequestHandler, type Router } from 'express';
import type { Logger } from 'pino';
import { errorHandler, notFoundHandler } from './http-errors';
import { refuseDeepJsonBodies } from './json-nesting';
import { requestLogging } from './request-context';
import { requireServiceToken } from './service-auth';

/** Deeper than any body a route takes (stored JSON allows 32 levels inside its envelope). */
const MAX_BODY_DEPTH = 64;

export interface ServiceAppOptions {
  logger: Logger;
  /** /healthz, /readyz, /test_connection: answered without the service token. */
  health: Router;
  serviceToken: string;
  /** Largest JSON body accepted. */
  jsonLimit: string;
  /** The service's feature routers, in order. */
  features: Router[];
  /** Turn the service's own failures (a store that is away) into HTTP errors first. */
  errorTranslators?: ErrorRequestHandler[];
}

/**
 * The Express app every backend is: request ids and JSON logs, health routes, then the
 * service token, a bounded JSON body parser, the features, and one error shape.
 */
export function createServiceApp(options: ServiceAppOptions): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', false);
  // Plain `?a=1&b=2` only: nested objects from `?a[b]=1` are a door to surprises.
  app.set('query parser', 'simple');

  app.use(requestLogging(options.logger));
  app.use(options.health);
  app.use(requireServiceToken(options.serviceToken));
  app.use(express.json({ limit: options.jsonLimit, strict: true }), refuseDeepJsonBodies(MAX_BODY_DEPTH));
  for (const router of options.features) app.use(router);

  app.use(notFoundHandler);
  for (const translate of options.errorTranslators ?? []) app.use(translate);
  app.use(errorHandler);
  return app;
}
