import type { RequestHandler } from 'express';
import { HttpError } from '@bookstore/common';
import { signedInAdmin } from '../admin/access';
import { signInUrl } from '../web/signed-in';
import type { DiagnosticsAccess } from './settings';

const notFound = () => new HttpError(404, 'page_not_found', 'The book, genre or author may have moved, or the link may be mistyped.');

/**
 * DIAGNOSTICS_ACCESS for one route. `public`: everyone. `admin`: admins; anyone else gets
 * the 404 page (the page exists for nobody else), except that a guest opening the page is
 * sent to sign in first. (`off` mounts no route at all.)
 */
export function diagnosticsAccess(access: Exclude<DiagnosticsAccess, 'off'>, kind: 'page' | 'json'): RequestHandler {
  return async (req, res, next) => {
    if (access === 'public') return next();
    if (req.shopSession.userId === undefined && kind === 'page') {
      res.redirect(303, signInUrl(req));
      return;
    }
    if (!(await signedInAdmin(req))) throw notFound();
    next();
  };
}
