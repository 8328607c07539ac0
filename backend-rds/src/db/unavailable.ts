import type { ErrorRequestHandler } from 'express';
import { HttpError } from '@bookstore/common';
import { isDatabaseUnavailable } from './errors';

/**
 * How long a client should wait before trying again. A PostgreSQL restart takes seconds, an
 * RDS reboot or Multi-AZ failover up to a minute or two: retrying every second helps nobody.
 */
const RETRY_AFTER_SECONDS = '5';

export const databaseUnavailableError = () =>
  new HttpError(503, 'database_unavailable', 'The database is not reachable right now; try again shortly', undefined, {
    'Retry-After': RETRY_AFTER_SECONDS,
  });

/**
 * Sits before the common error handler: PostgreSQL being away (stopped, restarting, failing
 * over, unreachable) becomes a 503 the frontend can act on instead of a 500. The cause is
 * logged by the error handler; the answer names no host, port or driver message.
 */
export const databaseUnavailableErrors: ErrorRequestHandler = (err, req, _res, next) => {
  if (!isDatabaseUnavailable(err)) {
    next(err);
    return;
  }
  req.log?.warn({ err }, 'database unavailable');
  next(databaseUnavailableError());
};
