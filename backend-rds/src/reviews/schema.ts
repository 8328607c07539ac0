import { z } from 'zod';
import { inputText, jsonId, jsonInt } from '@bookstore/common';
import { paginationSchema } from '../http/params';

export const writeReviewSchema = z.strictObject({
  userId: jsonId,
  rating: jsonInt(1, 5),
  title: inputText().trim().max(200).optional(),
  body: inputText().trim().max(5_000).optional(),
});

export type WriteReviewInput = z.output<typeof writeReviewSchema>;

export const reviewListQuerySchema = paginationSchema;
