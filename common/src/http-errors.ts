import { STATUS_CODES } from 'node:http';
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

/** What body-parser (and raw-body under it) raises, by its `type`, as our codes. */
const BODY_PARSER_ERRORS = new Map<string, () => HttpError>([
  ['entity.parse.failed', () => new HttpError(400, 'invalid_json', 'The request body is not valid JSON')],
  ['entity.too.large', () => new HttpError(413, 'body_too_large', 'The request body is too large')],
  ['parameters.too.many', () => new HttpError(413, 'too_many_parameters', 'The request body has too many parameters')],
  [
    'encoding.unsupported',
    () => new HttpError(415, 'unsupported_encoding', 'Unsupported Content-Encoding: send identity, gzip, deflate or br'),
  ],
  ['charset.unsupported', () => new HttpError(415, 'unsupported_charset', 'Unsupported charset: send UTF-8')],
  ['request.aborted', () => new HttpError(400, 'request_aborted', 'The request was aborted')],
  ['request.size.invalid', () => new HttpError(400, 'invalid_content_length', 'The body does not match its Content-Length')],
  ['entity.verify.failed', () => new HttpError(400, 'invalid_body', 'The request body was refused')],
  // raw-body calls these 500s, but they only ever follow from the request: a body already
  // read or decoded as text. The client gets a 4xx and no internals either way.
  ['stream.encoding.set', () => new HttpError(400, 'unreadable_body', 'The request body could not be read')],
  ['stream.not.readable', () => new HttpError(400, 'unreadable_body', 'The request body could not be read')],
]);

/** zlib's codes (`Z_DATA_ERROR`, `Z_BUF_ERROR`) and Brotli's (`ERR__ERROR_FORMAT_…`). */
const DECOMPRESSION_ERROR_CODE = /^(Z_|ERR__)/;

/** A client error nobody named more precisely keeps its status, with a generic code. */
function byStatus(status: number): HttpError {
  const reason = STATUS_CODES[status] ?? 'Bad Request';
  return new HttpError(status, reason.toLowerCase().replace(/[^a-z]+/g, '_'), reason);
}

function clientStatusOf(err: { status?: unknown; statusCode?: unknown }): number | undefined {
  const status = typeof err.status === 'number' ? err.status : err.statusCode;
  return typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500 ? status : undefined;
}

/**
 * What Express, the router or a body parser raises for a request it cannot read, as a 4xx
 * with our error shape; undefined for anything else (then it is our fault: a 500). Messages
 * are our own: the originals may quote internals or the raw input.
 */
function fromRequestHandling(err: unknown): HttpError | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { type, code } = err as { type?: unknown; code?: unknown };
  const fromBodyParser = typeof type === 'string' ? BODY_PARSER_ERRORS.get(type) : undefined;
  if (fromBodyParser) return fromBodyParser();
  // The router decoding `%zz` or overlong UTF-8 in a path parameter.
  if (err instanceof URIError) {
    return new HttpError(400, 'invalid_path_encoding', 'The path is not valid percent-encoded UTF-8');
  }
  const status = clientStatusOf(err);
  if (status === undefined) return undefined;
  if (typeof code === 'string' && DECOMPRESSION_ERROR_CODE.test(code)) {
    return new HttpError(400, 'invalid_body_encoding', 'The request body does not decode as its Content-Encoding says');
  }
  return byStatus(status);
}

/**
 * Last middleware of every service. Known errors keep their status and code; anything else
 * is logged with its stack and answered as a bare 500 carrying the request id, so a user
 * never sees internals but support can find the log line.
 */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  const known = err instanceof HttpError ? err : fromRequestHandling(err);
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  if (!known || known.status >= 500) req.log?.error({ err }, known?.message ?? 'unhandled error');
  // Half an answer is already out: all we can still say is that it stops here.
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (known) {
    for (const [name, value] of Object.entries(known.headers ?? {})) res.setHeader(name, value);
    const body: ErrorBody = { error: { code: known.code, message: known.message, requestId } };
    if (known.details !== undefined) body.error.details = known.details;
    res.status(known.status).json(body);
    return;
  }
  res.status(500).json({
    error: { code: 'internal_error', message: 'Something went wrong on our side', requestId },
  } satisfies ErrorBody);
};
