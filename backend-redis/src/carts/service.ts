import { HttpError } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { toCartView, type CartView } from './mapper';
import type { CartOwner } from './schema';

type Deps = Pick<AppDeps, 'redis' | 'keys' | 'settings'>;

export interface MergeResult {
  merged: boolean;
  droppedBookIds: number[];
  cart: CartView;
}

export function cartService({ redis, keys, settings }: Deps) {
  const keyOf = (owner: CartOwner) =>
    owner.kind === 'user' ? keys.userCart(owner.ownerId) : keys.guestCart(owner.ownerId);
  // Guest carts expire (sliding with every change); a user's cart stays.
  const ttlOf = (owner: CartOwner) => (owner.kind === 'guest' ? settings.guestCartTtlMs : 0);

  async function read(owner: CartOwner): Promise<CartView> {
    return toCartView(owner, await redis.hGetAll(keyOf(owner)));
  }

  async function changeLine(owner: CartOwner, mode: 'add' | 'set', bookId: number, quantity: number) {
    const { status, quantity: current } = await redis.changeCartLine(keyOf(owner), {
      mode,
      bookId,
      quantity,
      maxQuantity: settings.maxQuantityPerBook,
      maxLines: settings.maxCartLines,
      ttlMs: ttlOf(owner),
    });
    if (status === 'quantity_limit') {
      throw new HttpError(
        422,
        'quantity_limit',
        `At most ${settings.maxQuantityPerBook} copies of one book per cart`,
        { bookId, maxQuantity: settings.maxQuantityPerBook, quantityInCart: current },
      );
    }
    if (status === 'cart_full') {
      throw new HttpError(422, 'cart_full', `A cart holds at most ${settings.maxCartLines} different books`, {
        maxLines: settings.maxCartLines,
      });
    }
    return read(owner);
  }

  return {
    read,
    addItem: (owner: CartOwner, bookId: number, quantity: number) => changeLine(owner, 'add', bookId, quantity),
    setQuantity: (owner: CartOwner, bookId: number, quantity: number) =>
      changeLine(owner, 'set', bookId, quantity),

    async removeItem(owner: CartOwner, bookId: number): Promise<CartView> {
      await redis.hDel(keyOf(owner), String(bookId));
      return read(owner);
    },

    async clear(owner: CartOwner): Promise<void> {
      await redis.del(keyOf(owner));
    },

    /**
     * Adds a guest cart to a user's cart at sign-in, exactly once. The two carts live in
     * different hash slots (a guest does not know who they will sign in as), so this is two
     * atomic scripts, each inside one slot: claim the guest cart for this user, then add the
     * claimed lines unless this user's merge marker for that guest cart exists. A retry or a
     * concurrent sign-in replays both steps harmlessly; a crash between them is finished by
     * the next attempt, since the claimed lines are kept for `cartMergeMemoryMs`.
     */
    async mergeGuestCart(userId: number, guestSessionId: string): Promise<MergeResult> {
      const user: CartOwner = { kind: 'user', ownerId: userId };
      const claim = await redis.claimGuestCart(
        {
          cart: keys.guestCart(guestSessionId),
          claimed: keys.guestCartClaimed(guestSessionId),
          claimedBy: keys.guestCartClaimedBy(guestSessionId),
        },
        userId,
        settings.cartMergeMemoryMs,
      );
      if (claim.status === 'claimed_by_other') {
        throw new HttpError(409, 'guest_cart_claimed', 'This guest cart was already merged into another user’s cart');
      }
      let outcome = { applied: false, droppedBookIds: [] as number[] };
      if (claim.status === 'claimed' && claim.lines.length > 0) {
        outcome = await redis.applyGuestCart(
          { cart: keys.userCart(userId), marker: keys.userCartMergeMarker(userId, guestSessionId) },
          {
            maxQuantity: settings.maxQuantityPerBook,
            maxLines: settings.maxCartLines,
            memoryMs: settings.cartMergeMemoryMs,
          },
          claim.lines,
        );
      }
      return { merged: outcome.applied, droppedBookIds: outcome.droppedBookIds, cart: await read(user) };
    },
  };
}
