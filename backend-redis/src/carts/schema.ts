import { z } from 'zod';
import { jsonId, jsonInt, textId } from '@bookstore/common';
import { sessionIdSchema } from '../http/params';

/** A cart belongs to a signed-in user (`/carts/user/42`) or a guest session (`/carts/guest/<id>`). */
export const cartOwnerParams = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('user'), ownerId: textId }),
  z.object({ kind: z.literal('guest'), ownerId: sessionIdSchema }),
]);

export type CartOwner = { kind: 'user'; ownerId: number } | { kind: 'guest'; ownerId: string };

export const cartLineParams = z.object({ bookId: textId });

// The configured cap (CART_MAX_QUANTITY_PER_BOOK) is enforced atomically in Redis; this bound
// only keeps absurd numbers out.
const quantity = jsonInt(1, 10_000);

export const addItemBody = z.strictObject({ bookId: jsonId, quantity });

export const setQuantityBody = z.strictObject({ quantity });

export const userParams = z.object({ userId: textId });

export const mergeBody = z.strictObject({ guestSessionId: sessionIdSchema });
