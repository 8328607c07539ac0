import type { Request } from 'express';
import { safeReturnTo, withReturnTo } from './return-to';

/**
 * Where a guest is sent for a page that needs an account: the sign-in page, which brings
 * them back to `returnTo` (this page by default) afterwards.
 */
export function signInUrl(req: Request, returnTo: string = req.originalUrl): string {
  return withReturnTo('/sign-in', safeReturnTo(returnTo));
}
