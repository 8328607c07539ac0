import { ConnectionTimeoutError, ErrorReply, SocketTimeoutError, TimeoutError } from 'redis';
import { isRedisUnavailable } from '../redis/unavailable';

/**
 * A failed connection check in words a learner can act on. `/test_connection` answers
 * without a token, so these never carry a host name, port or password: the service log
 * has the full error (and the connection's own errors, as it keeps reconnecting).
 */
export function describeConnectionFailure(err: unknown): string {
  if (err instanceof ErrorReply && /^(NOAUTH|WRONGPASS)\b/.test(err.message)) {
    return 'Redis refused the credentials: check the user and password in REDIS_URL (ElastiCache AUTH token).';
  }
  if (err instanceof ConnectionTimeoutError || err instanceof SocketTimeoutError || err instanceof TimeoutError) {
    return 'Redis did not answer in time: check the security groups and subnets between this instance and Redis.';
  }
  if (isRedisUnavailable(err)) {
    return (
      'Redis is not connected: check REDIS_URL, its TLS (rediss://) and AUTH settings, and the ' +
      'security groups. The service keeps reconnecting.'
    );
  }
  return 'Redis answered with an error: the service log has the details.';
}
