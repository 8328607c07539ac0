import type { Request, RequestHandler } from 'express';
import { doubleCsrf } from 'csrf-csrf';

export const CSRF_COOKIE = 'bookstore_csrf';
/** The hidden field every form carries (views/partials/csrf.ejs). */
export const CSRF_FIELD = '_csrf';

/** Forms send the token in the body; scripts (fetch) in a header. Never both, never the cookie. */
function tokenFrom(req: Request): string | undefined {
  if (req.is('application/x-www-form-urlencoded')) {
    const value: unknown = req.body?.[CSRF_FIELD];
    return typeof value === 'string' ? value : undefined;
  }
  const header = req.headers['x-csrf-token'];
  return typeof header === 'string' ? header : undefined;
}

/**
 * CSRF protection with csrf-csrf (the signed double-submit cookie pattern): stateless, so a
 * guest's page with a form needs no session. The token is an HMAC bound to the session id
 * when there is one, so it changes when the session does (sign-in rotates it). Every POST,
 * PUT, PATCH and DELETE is checked, tests included.
 *
 * `res.locals.csrfToken()` makes (or reuses) the token; only pages that render a form call
 * it, so other pages set no cookie.
 */
export function setUpCsrf(secret: string): RequestHandler[] {
  const { doubleCsrfProtection, generateCsrfToken } = doubleCsrf({
    getSecret: () => secret,
    getSessionIdentifier: (req) => req.shopSession?.id ?? '',
    cookieName: CSRF_COOKIE,
    cookieOptions: { sameSite: 'lax', path: '/', httpOnly: true, secure: false },
    getCsrfTokenFromRequest: tokenFrom,
    errorConfig: { statusCode: 403, code: 'csrf_invalid', message: 'The form has expired or did not come from this shop' },
  });
  const exposeToken: RequestHandler = (req, res, next) => {
    let token: string | undefined;
    res.locals.csrfToken = () => {
      token ??= generateCsrfToken(req, res, { cookieOptions: { secure: req.secure } });
      return token;
    };
    next();
  };
  return [doubleCsrfProtection, exposeToken];
}
