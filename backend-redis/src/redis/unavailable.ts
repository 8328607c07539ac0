import type { ErrorRequestHandler } from 'express';
import { HttpError } from '@bookstore/common';
import {
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  ErrorReply,
  MaxCommandRedirectionsError,
  ReconnectStrategyError,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
} from 'redis';

const UNAVAILABLE = [
  ClientClosedError,
  ClientOfflineError,
  ConnectionTimeoutError,
  DisconnectsClientError,
  MaxCommandRedirectionsError,
  ReconnectStrategyError,
  RootNodesUnavailableError,
  SocketClosedUnexpectedlyError,
  SocketTimeoutError,
  TimeoutError,
];

/** Server replies that mean "not now" during a restart, failover or resharding. */
const TRANSIENT_REPLY = /^(LOADING|READONLY|MASTERDOWN|CLUSTERDOWN|TRYAGAIN|BUSY)\b/;

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

export function isRedisUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  if (UNAVAILABLE.some((type) => err instanceof type)) return true;
  if (err instanceof ErrorReply) return TRANSIENT_REPLY.test(err.message);
  if (err.message === 'The queue is full') return true;
  return NETWORK_CODES.has((err as NodeJS.ErrnoException).code ?? '');
}

export const redisUnavailableError = () =>
  new HttpError(503, 'redis_unavailable', 'Redis is not reachable right now; try again shortly', undefined, {
    'Retry-After': '1',
  });

/**
 * Sits before the common error handler: an outage becomes a clear 503 the frontend can act
 * on (degrade, retry) instead of a 500.
 */
export const redisUnavailableErrors: ErrorRequestHandler = (err, _req, _res, next) => {
  next(isRedisUnavailable(err) ? redisUnavailableError() : err);
};
