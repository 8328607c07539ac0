import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { HttpError } from '@bookstore/common';
import { BackendError } from '../backends/backend-error';

interface PageError {
  status: number;
  code: string;
  title: string;
  message: string;
  headers?: Record<string, string>;
}

const TITLES: Record<number, string> = {
  400: 'We could not read that request',
  403: 'That is not allowed',
  404: 'We could not find that page',
  413: 'That was too much to send',
  500: 'Something went wrong on our side',
  503: 'The shop is busy right now',
};

const MESSAGES: Record<number, string> = {
  403: 'The form may have expired. Go back, reload the page and try again.',
  404: 'The book, genre or author may have moved, or the link may be mistyped.',
  500: 'It was not your fault. Please try again in a moment.',
  503: 'Part of the shop is not answering. Please try again in a few seconds.',
};

function titleFor(status: number): string {
  return TITLES[status] ?? (status >= 500 ? TITLES[500]! : TITLES[400]!);
}

/** What the shopper is told; internals (stack, backend messages of 5xx) never are. */
function classify(err: unknown): PageError {
  if (err instanceof HttpError) {
    return { status: err.status, code: err.code, title: titleFor(err.status), message: err.message, headers: err.headers };
  }
  if (err instanceof BackendError) {
    if (err.status === 404) return { status: 404, code: err.code, title: titleFor(404), message: MESSAGES[404]! };
    if (err.unavailable) {
      const retry = String(err.retryAfterSeconds ?? 5);
      return { status: 503, code: 'service_unavailable', title: titleFor(503), message: MESSAGES[503]!, headers: { 'Retry-After': retry } };
    }
    if (err.status === 400) return { status: 400, code: err.code, title: titleFor(400), message: err.message };
    if (err.status === 401 || err.status === 403) return { status: 403, code: err.code, title: titleFor(403), message: MESSAGES[403]! };
    return { status: 500, code: 'internal_error', title: titleFor(500), message: MESSAGES[500]! };
  }
  // Express, body-parser, csrf-csrf and http-errors mark client errors with a 4xx status.
  const status = (err as { status?: unknown; statusCode?: unknown })?.status ?? (err as { statusCode?: unknown })?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = String((err as { code?: unknown }).code ?? (err as { type?: unknown }).type ?? `http_${status}`);
    const message = status === 403 ? MESSAGES[403]! : status === 404 ? MESSAGES[404]! : 'Please check what you sent and try again.';
    return { status, code, title: titleFor(status), message };
  }
  return { status: 500, code: 'internal_error', title: titleFor(500), message: MESSAGES[500]! };
}

const wantsJson = (req: Request) => req.accepts(['html', 'json']) === 'json';

export const pageNotFound: RequestHandler = (req) => {
  throw new HttpError(404, 'page_not_found', MESSAGES[404]!, { path: req.path });
};

/**
 * The last middleware: a page in the shop's look (or JSON when the client asks for JSON)
 * with the request id, so support can find the log line. Never a stack trace.
 */
export const errorPages: ErrorRequestHandler = (err, req, res, _next) => {
  const page = classify(err);
  if (page.status >= 500) req.log?.error({ err }, 'error page');
  else req.log?.info({ code: page.code, status: page.status }, 'client error page');
  if (res.headersSent) {
    res.destroy();
    return;
  }
  const requestId = typeof req.id === 'string' ? req.id : undefined;
  for (const [name, value] of Object.entries(page.headers ?? {})) res.setHeader(name, value);
  res.status(page.status);
  res.setHeader('Cache-Control', 'no-store');
  if (wantsJson(req)) {
    res.json({ error: { code: page.code, message: page.message, requestId } });
    return;
  }
  res.render('errors/error', { page, requestId, pageTitle: page.title }, (renderErr, html) => {
    if (renderErr) {
      req.log?.error({ err: renderErr }, 'error page failed to render');
      res.type('text/plain').send(`${page.title}. Request id: ${requestId ?? 'unknown'}`);
      return;
    }
    res.send(html);
  });
};
