import { Agent, request } from 'undici';
import type { Logger } from '@bookstore/common';
import { BackendError, type BackendName } from './backend-error';

/** One backend as the frontend sees it: where, with what token, over which connections. */
export interface BackendTarget {
  name: BackendName;
  baseUrl: string;
  serviceToken: string;
  /** Default deadline of one call, answer included. */
  timeoutMs: number;
  agent: Agent;
}

/** Who a call is made for: the request id to pass on and the signed-in user, if any. */
export interface CallContext {
  requestId: string;
  userId?: number;
  log: Logger;
}

export interface BackendCall {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path with its segments already encoded (clients use `encodeURIComponent`). */
  path: string;
  query?: Record<string, string | number | boolean | undefined>;
  body?: unknown;
  /** Overrides the target's deadline for this call (cache reads are shorter, checkout longer). */
  timeoutMs?: number;
}

/** A function that makes calls to one backend for one incoming request. */
export type CallBackend = <T>(call: BackendCall) => Promise<T>;

/** Kept-alive connections to one backend, shared by every request of the process. */
export function createBackendAgent(maxConnections: number): Agent {
  return new Agent({ connections: maxConnections, keepAliveTimeout: 30_000, pipelining: 1 });
}

function urlOf(target: BackendTarget, call: BackendCall): string {
  const url = new URL(call.path, target.baseUrl);
  for (const [name, value] of Object.entries(call.query ?? {})) {
    if (value !== undefined) url.searchParams.set(name, String(value));
  }
  return url.toString();
}

function readErrorBody(text: string): { code?: string; message?: string; details?: unknown } {
  try {
    const parsed = JSON.parse(text) as { error?: string | { code?: string; message?: string; details?: unknown }; details?: unknown };
    // The Django original's shape, which /test_connection keeps: { error: "…", details: "…" }.
    if (typeof parsed.error === 'string') return { message: parsed.error, details: parsed.details };
    return parsed.error ?? {};
  } catch {
    return {};
  }
}

/**
 * The one place the frontend speaks HTTP to a backend: service token, the request id passed
 * on, the acting user, a deadline, kept-alive connections. Resolves with the parsed JSON of
 * a 2xx (undefined for 204); anything else rejects with a BackendError.
 */
export async function callBackend<T>(target: BackendTarget, context: CallContext, call: BackendCall): Promise<T> {
  const timeoutMs = call.timeoutMs ?? target.timeoutMs;
  const headers: Record<string, string> = {
    authorization: `Bearer ${target.serviceToken}`,
    'x-request-id': context.requestId,
    accept: 'application/json',
  };
  if (context.userId !== undefined) headers['x-user-id'] = String(context.userId);
  if (call.body !== undefined) headers['content-type'] = 'application/json';

  let status: number;
  let text: string;
  let retryAfter: string | string[] | undefined;
  try {
    const res = await request(urlOf(target, call), {
      method: call.method,
      headers,
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
      dispatcher: target.agent,
      signal: AbortSignal.timeout(timeoutMs),
    });
    status = res.statusCode;
    retryAfter = res.headers['retry-after'];
    text = await res.body.text();
  } catch (err) {
    // By name, not instanceof: undici's errors may come from another realm (a test runner's).
    const errorName = (err as { name?: unknown } | null)?.name;
    const timedOut = errorName === 'TimeoutError' || errorName === 'AbortError';
    context.log.warn({ backend: target.name, path: call.path, err }, 'backend call failed');
    const failure = new BackendError(
      target.name,
      503,
      timedOut ? 'backend_timeout' : 'backend_unreachable',
      timedOut ? `${target.name} did not answer within ${timeoutMs} ms` : `${target.name} could not be reached`,
    );
    // Kept for /diagnostics, which tells refused from DNS from TLS failures.
    failure.cause = err;
    throw failure;
  }

  if (status >= 200 && status < 300) {
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }
  const error = readErrorBody(text);
  const seconds = Number(Array.isArray(retryAfter) ? retryAfter[0] : retryAfter);
  if (status >= 500) context.log.warn({ backend: target.name, path: call.path, status, code: error.code }, 'backend error');
  throw new BackendError(
    target.name,
    status,
    error.code ?? `http_${status}`,
    error.message ?? `${target.name} answered ${status}`,
    error.details,
    Number.isFinite(seconds) && seconds > 0 ? seconds : undefined,
  );
}
