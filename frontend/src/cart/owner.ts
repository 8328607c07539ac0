import type { CartOwnerRef } from '../backends/redis-client';
import type { ShopSession } from '../web/session';

/** The signed-in user's cart, or the guest session's; null for a guest without a session. */
export function cartOwnerOf(session: ShopSession): CartOwnerRef | null {
  if (session.userId !== undefined) return { kind: 'user', id: session.userId };
  if (session.id) return { kind: 'guest', id: session.id };
  return null;
}

/** As above, making the guest's session now: the first add to cart is what needs one. */
export async function ensureCartOwner(session: ShopSession): Promise<CartOwnerRef> {
  return cartOwnerOf(session) ?? { kind: 'guest', id: await session.ensure() };
}
