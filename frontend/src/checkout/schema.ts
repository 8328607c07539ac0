import { z } from 'zod';
import { optionalLine, requiredLine, wholeNumber } from '../web/form-fields';
import { cardDigits, isCardExpired, isLuhnValid } from './card';
import { COUNTRY_CODES } from './countries';

/** backend-rds takes at most this many different books in one order (the cart holds more). */
export const MAX_BOOKS_PER_ORDER = 50;

/** The checkout form's idempotency key: ours are UUIDs; backend-rds takes 8–100 printable characters. */
export const IDEMPOTENCY_KEY = /^[A-Za-z0-9-]{8,100}$/;

const cardNumber = z
  .string({ error: 'Enter the card number' })
  .max(40, 'Enter the 12 to 19 digits on the front of the card')
  .transform(cardDigits)
  .refine((digits) => digits !== '', 'Enter the card number')
  .refine((digits) => digits === '' || /^\d{12,19}$/.test(digits), 'Enter the 12 to 19 digits on the front of the card')
  .refine((digits) => !/^\d{12,19}$/.test(digits) || isLuhnValid(digits), 'Check the card number: it is not a valid card number');

/** `28` or `2028` → 2028. */
const expiryYear = z
  .string({ error: 'Enter the year the card expires, like 2030' })
  .trim()
  .regex(/^(\d{2}|\d{4})$/, 'Enter the year the card expires, like 2030')
  .transform((text) => (text.length === 2 ? 2000 + Number(text) : Number(text)))
  .refine((year) => year >= 2000 && year <= 2100, 'Enter the year the card expires, like 2030');

/** Built per request: the expiry check needs today's date. */
export function checkoutForm(now: Date) {
  return z
    .object({
      name: requiredLine('Enter the name of the person receiving the books', 100, 'Enter a name of at most 100 characters'),
      line1: requiredLine('Enter the first line of the address', 200, 'Enter at most 200 characters'),
      line2: optionalLine(200, 'Enter at most 200 characters'),
      city: requiredLine('Enter the town or city', 100, 'Enter a town or city of at most 100 characters'),
      region: optionalLine(100, 'Enter at most 100 characters'),
      postalCode: requiredLine('Enter the postal code', 20, 'Enter a postal code of at most 20 characters'),
      country: z
        .string({ error: 'Choose a country' })
        .min(1, 'Choose a country')
        .refine((code) => code === '' || COUNTRY_CODES.has(code), 'Choose a country from the list'),
      cardNumber,
      expMonth: wholeNumber('Enter the month the card expires, from 1 to 12', 1, 12),
      expYear: expiryYear,
      cvc: z.string({ error: 'Enter the security code' }).trim().regex(/^\d{3,4}$/, 'Enter the 3 or 4 digit security code on the back of the card'),
    })
    .superRefine((form, ctx) => {
      if (isCardExpired(form.expMonth, form.expYear, now)) {
        ctx.addIssue({ code: 'custom', path: ['expYear'], message: 'This card has expired: use another card' });
      }
    });
}

export type CheckoutForm = z.output<ReturnType<typeof checkoutForm>>;

/** backend-rds' names for the fields of `POST /orders`, onto the form's. */
export const ORDER_FIELDS: Record<string, string> = {
  'shippingAddress.name': 'name',
  'shippingAddress.line1': 'line1',
  'shippingAddress.line2': 'line2',
  'shippingAddress.city': 'city',
  'shippingAddress.region': 'region',
  'shippingAddress.postalCode': 'postalCode',
  'shippingAddress.country': 'country',
  'payment.cardNumber': 'cardNumber',
  'payment.expMonth': 'expMonth',
  'payment.expYear': 'expYear',
  'payment.cvc': 'cvc',
  items: 'order-summary',
};
