import { z } from 'zod';
import { cardDigits, isCardExpired, isLuhnValid } from './card';

/**
 * Card details as a checkout form sends them, checked before any charge: Luhn checksum,
 * expiry not in the past (by the app's clock), a 3-4 digit CVC. The number comes out as
 * digits only.
 */
export function cardInputSchema(clock: () => Date) {
  return z
    .strictObject({
      cardNumber: z
        .string()
        .max(40)
        .transform(cardDigits)
        .refine((digits) => /^\d{12,19}$/.test(digits), 'Must be 12 to 19 digits')
        .refine(isLuhnValid, 'Not a valid card number'),
      expMonth: z.number().int().min(1).max(12),
      expYear: z.number().int().min(2000).max(2100),
      cvc: z.string().regex(/^\d{3,4}$/, 'Must be 3 or 4 digits'),
    })
    .superRefine((card, ctx) => {
      if (isCardExpired(card.expMonth, card.expYear, clock())) {
        ctx.addIssue({ code: 'custom', path: ['expYear'], message: 'The card has expired' });
      }
    });
}

export type CardInput = z.output<ReturnType<typeof cardInputSchema>>;
