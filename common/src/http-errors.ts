import type { ErrorRequestHandler, RequestHandler } from 'express';

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown; requestId?: string };
}

/** The one error type routes throw; the error middleware turns it into JSON. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFoundHandler: RequestHandler = (req) => {
  throw new HttpError(404, 'route_not_found', `No route for ${req.method} ${req.path}`);
};

/** What body-parser raises for a body it cannot read: answer 4xx, never 500. */
function fromBodyParser(err: { type?: string; status?: number }): HttpError | undefined {
  switch (err.type) {
    case 'entity.parse.failed':
      return new HttpError(400, 'invalid_json', 'The request body is not valid JSON');
    case 'entity.too.large':
      return new HttpError(413, 'body_too_large', 'The request body is too large');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', 'Unsupported body encoding');
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', 'The request was aborted');
    default:
      return undefined;
  }
}

/**
 * Last middleware of every service. Known errors keep their status and code; anything else
 * is logged with its stack and answered as a bare 500 carrying the request id, so a user
 * never sees internals but support can find the log line.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof HttpError ? err : fromBodyParser(err);
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  if (known) {
    if (known.status >= 500) req.log?.error({ err }, known.message);
    for (const [name, value] of Object.entries(known.headers ?? {})) res.setHeader(name, value);
    const body: ErrorBody = { error: { code: known.code, message: known.message, requestId } };
    if (known.details !== undefined) body.error.details = known.details;
    res.status(known.status).json(body);
    return;
  }
  req.log?.error({ err }, 'unhandled error');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.status(500).json({
    error: { code: 'internal_error', message: 'Something went wrong on our side', requestId },
  } satisfies ErrorBody);
};
