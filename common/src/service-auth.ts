import { createHash, timingSafeEqual } from 'node:crypto';
import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';

const digest = (value: string) => createHash('sha256').update(value).digest();

/**
 * The backends are never public: every route but health requires
 * `Authorization: Bearer <SERVICE_TOKEN>`. Compared in constant time (over digests, so
 * the length of the token does not leak either).
 */
export function requireServiceToken(serviceToken: string): RequestHandler {
  const expected = digest(serviceToken);
  return (req, _res, next) => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer (.+)$/.exec(header);
    if (!match || !timingSafeEqual(digest(match[1] ?? ''), expected)) {
      throw new HttpError(401, 'unauthorized', 'A valid service token is required', undefined, {
        'WWW-Authenticate': 'Bearer',
      });
    }
    next();
  };
}
