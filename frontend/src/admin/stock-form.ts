import { z } from 'zod';
import { ADMIN_STOCK_REASONS } from '@bookstore/common';
import { optionalLine } from '../web/form-fields';

/** `+12`, `12` or `-3`: a change of the count, never zero. */
const delta = z
  .string({ error: 'Enter a change, like 10 or -2' })
  .trim()
  .regex(/^[+-]?\d{1,7}$/, 'Enter a change, like 10 or -2')
  .transform(Number)
  .refine((n) => n !== 0, 'A change of 0 changes nothing: enter how many to add or remove')
  .refine((n) => Math.abs(n) <= 1_000_000, 'Enter a change of at most 1,000,000');

export const stockAdjustmentForm = z.object({
  delta,
  reason: z.enum(ADMIN_STOCK_REASONS, { error: 'Choose why the stock changes' }),
  note: optionalLine(500, 'Enter a note of at most 500 characters'),
});
