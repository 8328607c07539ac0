import { HttpError } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { toPage, type Page, type Pagination } from '../http/params';
import { isForeignKeyViolation, isUniqueViolation } from '../db/errors';
import { SOLD_STATUSES } from '../orders/status';
import { assertBookVisible } from '../catalog/service';
import { reviewSelect, toReviewView, type ReviewView } from './mapper';
import type { WriteReviewInput } from './schema';

/** "Verified purchase": the reviewer has an order with this book that was paid for. */
async function hasBought(prisma: PrismaClient, userId: number, bookId: number): Promise<boolean> {
  const item = await prisma.orderItem.findFirst({
    where: { bookId, order: { userId, status: { in: [...SOLD_STATUSES] } } },
    select: { id: true },
  });
  return item !== null;
}

export async function writeReview(
  prisma: PrismaClient,
  bookId: number,
  reviewerId: number,
  input: WriteReviewInput,
): Promise<ReviewView> {
  await assertBookVisible(prisma, bookId);
  const verifiedPurchase = await hasBought(prisma, reviewerId, bookId);
  try {
    const row = await prisma.review.create({
      data: {
        bookId,
        userId: reviewerId,
        rating: input.rating,
        title: input.title ?? '',
        body: input.body ?? '',
        verifiedPurchase,
      },
      select: reviewSelect,
    });
    return toReviewView(row);
  } catch (err) {
    if (isUniqueViolation(err, 'reviews_user_id_book_id_key')) {
      throw new HttpError(409, 'already_reviewed', 'This user has already reviewed this book');
    }
    if (isForeignKeyViolation(err, 'reviews_user_id_fkey')) {
      throw new HttpError(404, 'user_not_found', `No user with id ${reviewerId}`);
    }
    throw err;
  }
}

export async function listReviews(
  prisma: PrismaClient,
  bookId: number,
  pagination: Pagination,
): Promise<Page<ReviewView>> {
  await assertBookVisible(prisma, bookId);
  const [rows, total] = await Promise.all([
    prisma.review.findMany({
      where: { bookId },
      select: reviewSelect,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (pagination.page - 1) * pagination.pageSize,
      take: pagination.pageSize,
    }),
    prisma.review.count({ where: { bookId } }),
  ]);
  return toPage(rows.map(toReviewView), total, pagination);
}
