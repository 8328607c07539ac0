export type BackendName = 'backend-rds' | 'backend-redis';

/**
 * Every failed call to a backend, whatever went wrong: a non-2xx answer keeps the backend's
 * status, code and details (`{ error: { code, message, details } }`); no answer at all (refused,
 * reset, timed out) is a 503 with code `backend_unreachable` or `backend_timeout`.
 */
export class BackendError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Seconds, from the backend's Retry-After. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'BackendError';
  }

  /** The backend is away or overloaded, as opposed to refusing this request. */
  get unavailable(): boolean {
    return this.status === 503 || this.status === 502 || this.status === 504;
  }
}

export const isBackendError = (err: unknown, status?: number, code?: string): err is BackendError =>
  err instanceof BackendError &&
  (status === undefined || err.status === status) &&
  (code === undefined || err.code === code);
