import { z } from 'zod';
import { inputText, jsonId, jsonInt, textInt } from '@bookstore/common';

export const recordOrderBody = z.strictObject({
  orderId: jsonId,
  items: z
    .array(z.strictObject({ bookId: jsonId, quantity: jsonInt(1, 10_000) }))
    .min(1)
    .max(500),
});

export const WINDOWS = ['today', '7d', 'all'] as const;
export type BestsellerWindow = (typeof WINDOWS)[number];

export const topQuery = z.strictObject({
  window: z.enum(WINDOWS).default('7d'),
  limit: textInt(1, 100).default(10),
});

const ranking = z.array(z.strictObject({ bookId: jsonId, unitsSold: jsonInt(1, 1_000_000_000) })).max(5000);

export const rebuildBody = z.strictObject({
  allTime: ranking,
  /** UTC days of the last 7 (today included); days left out become empty. */
  days: z
    .array(z.strictObject({ date: inputText().pipe(z.iso.date()), items: ranking }))
    .max(7)
    .refine((days) => new Set(days.map((d) => d.date)).size === days.length, 'each date at most once'),
});

export type RebuildInput = z.output<typeof rebuildBody>;
