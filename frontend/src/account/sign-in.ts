import type { Request } from 'express';
import type { UserProfile } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';

/**
 * Starts the signed-in session of `user`: first the guest's cart goes into the account's
 * (backend-redis merges a guest cart exactly once, however often this runs, so a retry
 * after a failure cannot add it twice), then the session gets a new id, so an id a guest
 * was given (or an attacker planted) is worthless from now on.
 */
export async function startSignedInSession(req: Request, user: Pick<UserProfile, 'id' | 'name' | 'role'>): Promise<void> {
  const session = req.shopSession;
  const guestSessionId = session.userId === undefined ? session.id : undefined;
  if (guestSessionId) {
    try {
      const merge = await req.backends.redis.mergeGuestCart(user.id, guestSessionId);
      if (merge.droppedBookIds.length > 0) req.log.info({ droppedBookIds: merge.droppedBookIds }, 'guest cart lines found no room');
    } catch (err) {
      // Someone else signed in from this guest session first: their cart, not ours.
      if (!isBackendError(err, 409, 'guest_cart_claimed')) throw err;
      req.log.warn('guest cart already claimed by another account');
    }
  }
  // The role only decides whether the header links to the back office; /admin asks backend-rds.
  await session.rotate({ userId: user.id, userName: user.name, userRole: user.role });
}
