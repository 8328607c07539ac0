import { z } from 'zod';

const bookId = z.number().int().positive().max(2_147_483_647);

export const recordOrderBody = z.strictObject({
  orderId: z.number().int().positive().max(2_147_483_647),
  items: z
    .array(z.strictObject({ bookId, quantity: z.number().int().min(1).max(10_000) }))
    .min(1)
    .max(500),
});

export const WINDOWS = ['today', '7d', 'all'] as const;
export type BestsellerWindow = (typeof WINDOWS)[number];

export const topQuery = z.strictObject({
  window: z.enum(WINDOWS).default('7d'),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});

const ranking = z.array(z.strictObject({ bookId, unitsSold: z.number().int().min(1).max(1_000_000_000) })).max(5000);

export const rebuildBody = z.strictObject({
  allTime: ranking,
  /** UTC days of the last 7 (today included); days left out become empty. */
  days: z
    .array(z.strictObject({ date: z.iso.date(), items: ranking }))
    .max(7)
    .refine((days) => new Set(days.map((d) => d.date)).size === days.length, 'each date at most once'),
});

export type RebuildInput = z.output<typeof rebuildBody>;
