import { z } from 'zod';
import { inputText, jsonInt } from '@bookstore/common';
import { cardDigits, isCardExpired, isLuhnValid } from './card';

/**
 * Card details as a checkout form sends them, checked before any charge: Luhn checksum,
 * expiry not in the past (by the app's clock), a 3-4 digit CVC. The number comes out as
 * digits only.
 */
export function cardInputSchema(clock: () => Date) {
  return z
    .strictObject({
      cardNumber: inputText()
        .max(40)
        .transform(cardDigits)
        .refine((digits) => /^\d{12,19}$/.test(digits), 'Must be 12 to 19 digits')
        .refine(isLuhnValid, 'Not a valid card number'),
      expMonth: jsonInt(1, 12),
      expYear: jsonInt(2000, 2100),
      cvc: inputText().regex(/^\d{3,4}$/, 'Must be 3 or 4 digits'),
    })
    .superRefine((card, ctx) => {
      if (isCardExpired(card.expMonth, card.expYear, clock())) {
        ctx.addIssue({ code: 'custom', path: ['expYear'], message: 'The card has expired' });
      }
    });
}

export type CardInput = z.output<ReturnType<typeof cardInputSchema>>;
