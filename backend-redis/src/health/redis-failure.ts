import { ConnectionTimeoutError, ErrorReply, SocketClosedUnexpectedlyError, SocketTimeoutError, TimeoutError } from 'redis';
import type { DiagnosticFailure, Endpoint } from '@bookstore/common';
import { ProbeTimeout } from '../redis/probe';

const failure = (code: string, summary: string, checks: string[]): DiagnosticFailure => ({ code, summary, checks });

const CERTIFICATE_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_\w+|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_\w+|EPROTO)$/;

export interface RedisFailureContext {
  endpoint: Endpoint;
  tls: boolean;
  cluster: boolean;
  timeoutMs: number;
}

const codeOf = (err: unknown) => {
  const code = (err as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? code : '';
};

/**
 * Why a new connection to Redis failed, in plain words with what to check. Behind the
 * service token (the diagnostics page), so it names the host and port it tried; never the
 * user name or password, and never the server's own words (they may echo what was sent).
 */
export function explainRedisFailure(err: unknown, { endpoint, tls, cluster, timeoutMs }: RedisFailureContext): DiagnosticFailure {
  const at = `${endpoint.host}:${endpoint.port}`;
  const url = cluster ? 'REDIS_CLUSTER_NODES' : 'REDIS_URL';
  if (err instanceof ErrorReply) {
    if (/^WRONGPASS\b/.test(err.message)) {
      return failure('auth_failed', `Redis at ${at} refused the user name or password (WRONGPASS).`, [
        'REDIS_PASSWORD must be the ElastiCache AUTH token, and REDIS_USERNAME the RBAC user (empty for the default user).',
      ]);
    }
    if (/^NOAUTH\b/.test(err.message)) {
      return failure('auth_failed', `Redis at ${at} wants a password and none was sent (NOAUTH).`, [
        'Set REDIS_PASSWORD to the ElastiCache AUTH token.',
      ]);
    }
    if (/without any password configured/i.test(err.message)) {
      return failure('auth_failed', `Redis at ${at} has no password, but one was sent.`, [
        'Leave REDIS_PASSWORD (and the password in REDIS_URL) empty for a Redis without AUTH.',
      ]);
    }
    if (/^(LOADING|MASTERDOWN|TRYAGAIN|CLUSTERDOWN)\b/.test(err.message)) {
      return failure('restarting', `Redis at ${at} is loading its data or failing over.`, ['Test again in a minute.']);
    }
    if (/cluster support disabled/i.test(err.message)) {
      return failure('cluster_mode_mismatch', `Redis at ${at} is not a cluster, but REDIS_CLUSTER=true.`, [
        'Set REDIS_CLUSTER=false and REDIS_URL to the primary endpoint (ElastiCache cluster mode disabled).',
      ]);
    }
    return failure('unknown', `Redis at ${at} answered with an error.`, ['The backend-redis log has the details: search it for this request id.']);
  }
  const code = codeOf(err);
  if (code === 'ECONNREFUSED') {
    return failure('connection_refused', `Redis at ${at} refused the connection.`, [
      'Is Redis running (ElastiCache: is the cache "available")?',
      `Is the port in ${url} the one it listens on (6379 unless you changed it)?`,
      'Does the cache\'s security group allow this instance on that port?',
    ]);
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return failure('dns_failure', `The host name ${endpoint.host} in ${url} does not resolve.`, [
      cluster
        ? 'Copy the configuration endpoint exactly from the ElastiCache console.'
        : 'Copy the primary endpoint exactly from the ElastiCache console (without the port).',
      'The VPC must have DNS resolution and DNS host names enabled.',
    ]);
  }
  if (CERTIFICATE_CODES.test(code)) {
    return failure('tls_error', `The TLS connection to Redis at ${at} failed.`, [
      'ElastiCache\'s certificate is trusted by Node as is: leave REDIS_TLS_CA_PATH empty unless your server has a private CA.',
      `Use the endpoint's name in ${url}, not an IP address, so the certificate matches.`,
    ]);
  }
  if (err instanceof ProbeTimeout || err instanceof ConnectionTimeoutError || err instanceof SocketTimeoutError || err instanceof TimeoutError || code === 'ETIMEDOUT') {
    return failure('timeout', `Redis at ${at} did not answer within ${timeoutMs} ms.`, [
      'The cache\'s security group must allow inbound 6379 from this instance\'s security group.',
      'Both must be in the same VPC, with subnets whose route tables and network ACLs let them talk.',
      tls
        ? `${url} starts with rediss:// (TLS): if the cache has no in-transit encryption, use redis://, or the TLS handshake waits forever.`
        : 'If the cache has in-transit encryption, use rediss://.',
    ]);
  }
  if (err instanceof SocketClosedUnexpectedlyError || code === 'ECONNRESET') {
    return failure('connection_lost', `Redis at ${at} closed the connection before answering.`, [
      tls
        ? 'Redis may be restarting: test again in a minute.'
        : `If the cache has in-transit encryption, ${url} must start with rediss:// (it closes plain connections).`,
    ]);
  }
  return failure('unknown', `Redis at ${at} could not be used.`, ['The backend-redis log has the details: search it for this request id.']);
}
