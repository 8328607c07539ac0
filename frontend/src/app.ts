import express from 'express';
import { errorHandler, healthRoutes, notFoundHandler, requestLogging, type Logger } from '@bookstore/common';

export interface AppDeps {
  logger: Logger;
  /** Resolves when both backends answer their /readyz. */
  checkBackends: () => Promise<void>;
}

/**
 * The shop's pages. For now only health: the pages (EJS, helmet, CSRF, sessions) come with
 * the frontend issue.
 */
export function createApp(deps: AppDeps): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLogging(deps.logger));
  app.use(healthRoutes({ checkReady: deps.checkBackends }));
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
