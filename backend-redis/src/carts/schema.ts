import { z } from 'zod';
import { entityIdSchema, sessionIdSchema } from '../http/params';

/** A cart belongs to a signed-in user (`/carts/user/42`) or a guest session (`/carts/guest/<id>`). */
export const cartOwnerParams = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), ownerId: entityIdSchema }),
  z.object({ kind: z.literal('guest'), ownerId: sessionIdSchema }),
]);

export type CartOwner = { kind: 'user'; ownerId: number } | { kind: 'guest'; ownerId: string };

export const cartLineParams = z.object({ bookId: entityIdSchema });

// The configured cap (CART_MAX_QUANTITY_PER_BOOK) is enforced atomically in Redis; this bound
// only keeps absurd numbers out.
const quantity = z.number().int().min(1).max(10_000);

export const addItemBody = z.strictObject({ bookId: z.number().int().positive().max(2_147_483_647), quantity });

export const setQuantityBody = z.strictObject({ quantity });

export const userParams = z.object({ userId: entityIdSchema });

export const mergeBody = z.strictObject({ guestSessionId: sessionIdSchema });
