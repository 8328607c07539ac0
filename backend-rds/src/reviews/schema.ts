import { z } from 'zod';
import { jsonIdSchema } from '../orders/schema';
import { paginationSchema } from '../http/params';

export const writeReviewSchema = z.strictObject({
  userId: jsonIdSchema,
  rating: z.number().int().min(1).max(5),
  title: z.string().trim().max(200).optional(),
  body: z.string().trim().max(5_000).optional(),
});

export type WriteReviewInput = z.output<typeof writeReviewSchema>;

export const reviewListQuerySchema = paginationSchema;
