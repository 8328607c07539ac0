import type { Review } from '@bookstore/common';
import type { Prisma } from '../db/client';

export const reviewSelect = {
  id: true,
  bookId: true,
  rating: true,
  title: true,
  body: true,
  verifiedPurchase: true,
  createdAt: true,
  user: { select: { id: true, name: true } },
} satisfies Prisma.ReviewSelect;

type ReviewRow = Prisma.ReviewGetPayload<{ select: typeof reviewSelect }>;

/** The API shape, shared with the frontend (common/src/api/reviews.ts). */
export type ReviewView = Review;

export function toReviewView(row: ReviewRow): ReviewView {
  return { ...row, createdAt: row.createdAt.toISOString() } satisfies Review;
}
