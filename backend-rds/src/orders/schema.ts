import { z } from 'zod';
import { inputText, jsonId, jsonInt } from '@bookstore/common';
import { cardInputSchema } from '../payments/schema';
import { paginationSchema } from '../http/params';

const text = (max: number) => inputText().trim().min(1).max(max);

export const shippingAddressSchema = z.strictObject({
  name: text(100),
  line1: text(200),
  line2: inputText().trim().max(200).optional(),
  city: text(100),
  region: inputText().trim().max(100).optional(),
  postalCode: text(20),
  country: inputText()
    .regex(/^[A-Za-z]{2}$/, 'Must be an ISO 3166-1 alpha-2 code')
    .transform((code) => code.toUpperCase()),
});

export type ShippingAddress = z.output<typeof shippingAddressSchema>;

export const MAX_ITEM_QUANTITY = 20;
export const MAX_DISTINCT_BOOKS = 50;

/** Built per app because the card expiry check needs the app's clock. */
export function placeOrderSchema(clock: () => Date) {
  // No userId: the buyer is the acting user (X-User-Id), never someone a body names.
  return z.strictObject({
    items: z
      .array(
        z.strictObject({
          bookId: jsonId,
          quantity: jsonInt(1, MAX_ITEM_QUANTITY),
        }),
      )
      .min(1)
      .max(MAX_DISTINCT_BOOKS)
      .refine(
        (items) => new Set(items.map((item) => item.bookId)).size === items.length,
        'Each book may appear only once: raise its quantity instead',
      ),
    shippingAddress: shippingAddressSchema,
    payment: cardInputSchema(clock),
    // Printable ASCII without spaces: UUIDs, ULIDs and the like.
    idempotencyKey: inputText().regex(/^[\x21-\x7e]{8,100}$/, 'Must be 8 to 100 printable characters'),
  });
}

/** A checkout as the service sees it: the body, and the buyer from X-User-Id. */
export type PlaceOrderInput = z.output<ReturnType<typeof placeOrderSchema>> & { userId: number };

export const orderStatusBodySchema = z.strictObject({
  status: z.enum(['shipped', 'delivered', 'cancelled']),
});

export const orderListQuerySchema = paginationSchema;
