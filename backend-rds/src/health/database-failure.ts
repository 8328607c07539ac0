import { lookup } from 'node:dns/promises';
import type { DiagnosticFailure, Endpoint } from '@bookstore/common';
import { databaseMisconfiguration, databaseUnavailability } from '../db/errors';

const failure = (code: string, summary: string, checks: string[]): DiagnosticFailure => ({ code, summary, checks });

/** Node's and OpenSSL's codes for a certificate that could not be verified. */
const CERTIFICATE_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_\w+|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_\w+|EPROTO)$/;

/** The messages and codes along `err`'s cause chain (pg-pool wraps the error it timed out on). */
function chain(err: unknown): { messages: string; codes: string[] } {
  const messages: string[] = [];
  const codes: string[] = [];
  let current: unknown = err;
  // Duck-typed: errors from Node's sockets may come from another realm than this code's Error.
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { message, code, cause } = current as { message?: unknown; code?: unknown; cause?: unknown };
    if (typeof message === 'string') messages.push(message);
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return { messages: messages.join('\n'), codes };
}

async function resolves(host: string): Promise<boolean> {
  try {
    await lookup(host);
    return true;
  } catch {
    return false;
  }
}

/**
 * Why backend-rds could not use PostgreSQL, in plain words with what to check. Unlike the
 * public /test_connection, this answers behind the service token on the diagnostics page,
 * so it may name the host and port it tried (never the user or the password).
 */
export async function explainDatabaseFailure(err: unknown, endpoint: Endpoint, timeoutMs: number): Promise<DiagnosticFailure> {
  const at = `${endpoint.host}:${endpoint.port}`;
  const { messages, codes } = chain(err);
  if (/does not support SSL/i.test(messages)) {
    return failure('tls_error', `PostgreSQL at ${at} does not accept TLS, but DATABASE_CA_CERT_PATH asks for it.`, [
      'Unset DATABASE_CA_CERT_PATH for a database without TLS, or turn TLS on in the server.',
    ]);
  }
  if (/no encryption/i.test(messages)) {
    return failure('tls_required', `PostgreSQL at ${at} accepts only encrypted connections (RDS: rds.force_ssl).`, [
      'Set DATABASE_CA_CERT_PATH to the RDS CA bundle (global-bundle.pem): that turns TLS on.',
    ]);
  }
  if (codes.some((code) => CERTIFICATE_CODES.test(code))) {
    return tlsFailure(at);
  }
  const misconfiguration = databaseMisconfiguration(err);
  switch (misconfiguration) {
    case 'authentication_failed':
      return failure('auth_failed', `PostgreSQL at ${at} refused the password (password authentication failed).`, [
        'The user and password in DATABASE_URL must be the RDS master user\'s, or a user you created.',
        'Characters such as @ : / # in the password must be percent-encoded in DATABASE_URL.',
      ]);
    case 'database_missing':
      return failure('database_missing', `The database named in DATABASE_URL does not exist on ${at}.`, [
        'Create it (RDS: "Initial database name" when creating the instance, or CREATE DATABASE), then run the migrations.',
        'Check the name after the last / in DATABASE_URL.',
      ]);
    case 'access_denied':
      return failure('access_denied', `PostgreSQL at ${at} does not let the user in DATABASE_URL into that database.`, [
        'Does the user exist (role does not exist)? Is it allowed to CONNECT to the database?',
      ]);
    case 'tls_failed':
      return tlsFailure(at);
    default:
      break;
  }
  switch (databaseUnavailability(err)) {
    case 'unreachable':
      if (!(await resolves(endpoint.host))) {
        return failure('dns_failure', `The host name ${endpoint.host} in DATABASE_URL does not resolve.`, [
          'Copy the endpoint exactly from the RDS console (Connectivity & security → Endpoint).',
          'The VPC must have DNS resolution and DNS host names enabled.',
        ]);
      }
      return failure('connection_refused', `PostgreSQL at ${at} refused the connection.`, [
        'Is PostgreSQL running (RDS: is the instance "Available")?',
        'Is the port in DATABASE_URL the one it listens on (5432 unless you changed it)?',
        'Does the database\'s security group allow this instance on that port?',
      ]);
    case 'timed_out':
      return databaseTimeout(endpoint, timeoutMs);
    case 'connection_lost':
      return failure('connection_lost', `The connection to PostgreSQL at ${at} broke while in use.`, [
        'The database may be restarting or failing over: test again in a minute.',
      ]);
    case 'restarting':
      return failure('restarting', `PostgreSQL at ${at} is starting up or shutting down (a reboot or failover).`, [
        'Test again in a minute.',
      ]);
    case 'too_many_connections':
      return failure('too_many_connections', `PostgreSQL at ${at} has no connection slot left.`, [
        'Lower DATABASE_POOL_SIZE (per instance × instances must stay below max_connections), or use a larger instance class.',
      ]);
    default:
      return failure('unknown', `PostgreSQL at ${at} answered with an error.`, [
        'The backend-rds log has the details: search it for this request id.',
      ]);
  }
}

/** Nothing answered in time: what a security group that drops packets looks like. */
export function databaseTimeout(endpoint: Endpoint, timeoutMs: number): DiagnosticFailure {
  return failure('timeout', `PostgreSQL at ${endpoint.host}:${endpoint.port} did not answer within ${timeoutMs} ms.`, [
    'The database\'s security group must allow inbound 5432 from this instance\'s security group.',
    'Both must be in the same VPC, with subnets whose route tables and network ACLs let them talk.',
  ]);
}

function tlsFailure(at: string): DiagnosticFailure {
  return failure('tls_error', `The TLS connection to PostgreSQL at ${at} failed: its certificate could not be verified.`, [
    'DATABASE_CA_CERT_PATH must point to the RDS CA bundle (global-bundle.pem from truststore.pki.rds.amazonaws.com).',
    'Use the RDS endpoint name in DATABASE_URL, not an IP address, so the certificate matches.',
  ]);
}
