import type { DiagnosticFailure, Endpoint } from '@bookstore/common';
import { isBackendError, type BackendName } from '../backends/backend-error';

const failure = (code: string, summary: string, checks: string[]): DiagnosticFailure => ({ code, summary, checks });

const CERTIFICATE_CODES = /^(SELF_SIGNED_CERT_IN_CHAIN|DEPTH_ZERO_SELF_SIGNED_CERT|UNABLE_TO_(GET_ISSUER_CERT(_LOCALLY)?|VERIFY_LEAF_SIGNATURE)|CERT_\w+|ERR_TLS_CERT_ALTNAME_INVALID|ERR_SSL_\w+|EPROTO)$/;

/** The socket codes along a failure's cause chain (undici wraps some of them). */
function causeCodes(err: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = err;
  // Duck-typed: errors from Node's sockets may come from another realm than this code's Error.
  for (let depth = 0; typeof current === 'object' && current !== null && depth < 5; depth += 1) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === 'string') codes.push(code);
    current = cause;
  }
  return codes;
}

/**
 * Why the frontend got no usable answer from a backend, in plain words with what to check.
 * `variable` is where its address is configured (BACKEND_RDS_URL), `endpoint` that address.
 */
export function explainBackendFailure(err: unknown, backend: BackendName, endpoint: Endpoint, timeoutMs: number): DiagnosticFailure {
  const at = `${endpoint.host}:${endpoint.port}`;
  const variable = backend === 'backend-rds' ? 'BACKEND_RDS_URL' : 'BACKEND_REDIS_URL';
  const running =
    `Is ${backend} running? (Docker: docker compose ps and docker compose logs ${backend}; npm start: its lines in the output.)`;
  if (isBackendError(err, 401)) {
    return failure('service_token_rejected', `${backend} refused the frontend's service token (401).`, [
      'SERVICE_TOKEN must be exactly the same in the frontend and in both backends.',
      'After changing it, restart every service (docker compose up -d recreates them).',
    ]);
  }
  if (isBackendError(err, 503, 'backend_timeout')) {
    return failure('timeout', `${backend} at ${at} did not answer within ${timeoutMs} ms.`, [
      running,
      `If it runs on another machine: its security group must allow this instance on port ${endpoint.port}; a security group that drops packets looks exactly like this.`,
      'An overloaded or stuck backend also answers late: look at its log and CPU.',
    ]);
  }
  if (isBackendError(err, 503, 'backend_unreachable')) {
    const codes = causeCodes(err.cause);
    if (codes.includes('ECONNREFUSED')) {
      return failure('connection_refused', `Nothing accepted the connection at ${at} (${variable}).`, [
        running,
        `Is the port in ${variable} the one it listens on (PORT, ${backend === 'backend-rds' ? '8001' : '8002'} by default)?`,
        `If it runs on another machine: it must listen on 0.0.0.0 (HOST), and its security group must allow this instance on port ${endpoint.port}.`,
      ]);
    }
    if (codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')) {
      return failure('dns_failure', `The host name ${endpoint.host} in ${variable} does not resolve.`, [
        `In Docker Compose it is the service's name (${backend}); elsewhere the other machine's private DNS name or IP address.`,
        'Check the spelling, and that nothing but scheme, host and port is in the URL.',
      ]);
    }
    if (codes.some((code) => CERTIFICATE_CODES.test(code))) {
      return failure('tls_error', `The TLS connection to ${backend} at ${at} failed.`, [
        `${variable} starts with https://, but the backends speak plain HTTP on a private network: use http://.`,
      ]);
    }
    return failure('connection_lost', `${backend} at ${at} closed the connection without answering.`, [
      running,
      `Is ${variable} pointing at ${backend} itself, not at another service on that port?`,
    ]);
  }
  if (isBackendError(err, 404)) {
    return failure('backend_error', `${backend} at ${at} has no diagnostics route (404): it may be an older version.`, [
      'Deploy the same version of the three services (APP_VERSION shows which each one runs).',
      `Is ${variable} pointing at ${backend}, not at another service?`,
    ]);
  }
  if (isBackendError(err)) {
    return failure('backend_error', `${backend} at ${at} answered ${err.status} (${err.code}).`, [
      `Its log has the details: search ${backend}'s log for this request id.`,
    ]);
  }
  return failure('unknown', `The frontend could not use ${backend}'s answer.`, ['The frontend log has the details: search it for this request id.']);
}
