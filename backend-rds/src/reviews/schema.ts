import { z } from 'zod';
import { inputText, jsonInt } from '@bookstore/common';
import { paginationSchema } from '../http/params';

// No userId: the reviewer is the acting user (X-User-Id), never someone a body names.
export const writeReviewSchema = z.strictObject({
  rating: jsonInt(1, 5),
  title: inputText().trim().max(200).optional(),
  body: inputText().trim().max(5_000).optional(),
});

export type WriteReviewInput = z.output<typeof writeReviewSchema>;

export const reviewListQuerySchema = paginationSchema;
