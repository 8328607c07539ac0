import express from 'express';
import { errorHandler, notFoundHandler, type Logger } from '@bookstore/common';

// Placeholder until the backend-redis issue lands.
export function createApp(_deps: { logger: Logger }): express.Express {
  const app = express();
  app.use(notFoundHandler);
  app.use(errorHandler);
  return app;
}
