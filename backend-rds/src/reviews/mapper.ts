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

export interface ReviewView {
  id: number;
  bookId: number;
  user: { id: number; name: string };
  rating: number;
  title: string;
  body: string;
  verifiedPurchase: boolean;
  createdAt: string;
}

export function toReviewView(row: ReviewRow): ReviewView {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
