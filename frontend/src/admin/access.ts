import type { Request, RequestHandler } from 'express';
import { HttpError, type UserProfile } from '@bookstore/common';
import { signInUrl } from '../web/signed-in';

/**
 * The signed-in user's profile when they are an admin, else undefined. The role is read
 * from backend-rds on every call (never kept in the session or taken from the browser), so
 * a demoted admin loses access at once; backend-rds checks it again on every admin call.
 */
export async function signedInAdmin(req: Request): Promise<UserProfile | undefined> {
  const userId = req.shopSession.userId;
  if (userId === undefined) return undefined;
  const user = await req.backends.rds.getUser(userId);
  return user.role === 'admin' ? user : undefined;
}

/** An admin's profile, set by `requireAdmin` for the routes behind it. */
export function adminOf(req: Request): UserProfile {
  const admin = req.res?.locals.admin as UserProfile | undefined;
  if (!admin) throw new Error('requireAdmin did not run before this route');
  return admin;
}

/**
 * The back office's door: a guest is sent to sign in (and brought back), a signed-in
 * customer gets the 403 page, an admin goes on (`res.locals.admin`).
 */
export const requireAdmin: RequestHandler = async (req, res, next) => {
  if (req.shopSession.userId === undefined) {
    res.redirect(303, signInUrl(req));
    return;
  }
  const admin = await signedInAdmin(req);
  if (!admin) throw new HttpError(403, 'admin_only', 'This part of the shop is for its staff only.');
  res.locals.admin = admin;
  res.locals.isAdmin = true;
  next();
};
