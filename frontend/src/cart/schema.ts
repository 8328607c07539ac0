import { z } from 'zod';
import { MAX_QUANTITY_PER_ADD } from '../catalog/book-page';
import { wholeNumber } from '../web/form-fields';

/** The largest id backend-rds hands out (PostgreSQL integer). */
const MAX_ID = 2_147_483_647;

/** A book id from a path or a hidden field: digits, 1 … int4; anything else names no book. */
export function bookIdFrom(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= MAX_ID ? id : undefined;
}

const quantityMessage = `Enter a quantity from 1 to ${MAX_QUANTITY_PER_ADD}`;

/** The book page's form: `bookId` (hidden) and `quantity`. */
export const addToCartForm = z.object({
  bookId: z.string({ error: 'Choose a book' }),
  quantity: wholeNumber(quantityMessage, 1, MAX_QUANTITY_PER_ADD),
});

/** A cart line's quantity; 0 removes the line. */
export const changeQuantityForm = z.object({
  quantity: wholeNumber(`Enter a quantity from 0 to ${MAX_QUANTITY_PER_ADD} (0 removes the book)`, 0, MAX_QUANTITY_PER_ADD),
});
