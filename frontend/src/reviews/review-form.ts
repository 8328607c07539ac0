import type { Request } from 'express';
import type { FieldProblems } from '../web/forms';
import { hasBought } from './buyer';
import { MAX_REVIEW_BODY } from './schema';

/** What views/reviews/form.ejs shows: where it posts, what was typed, what is wrong. */
export interface ReviewFormModel {
  action: string;
  problems: FieldProblems;
  raw: Record<string, string>;
  maxBody: number;
}

export const reviewAction = (bookSlug: string) => `/books/${encodeURIComponent(bookSlug)}/reviews`;

export function reviewFormModel(bookSlug: string, problems: FieldProblems = {}, raw: Record<string, string> = {}): ReviewFormModel {
  return { action: reviewAction(bookSlug), problems, raw, maxBody: MAX_REVIEW_BODY };
}

/**
 * The book page's review form: only for a signed-in reader who bought the book (their
 * review is marked "verified purchase"). Null for anyone else, and when the orders cannot
 * be read right now (the page renders without the form).
 */
export async function reviewFormFor(req: Request, book: { id: number; slug: string }): Promise<ReviewFormModel | null> {
  const userId = req.shopSession.userId;
  if (userId === undefined) return null;
  try {
    return (await hasBought(req.backends, userId, book.id)) ? reviewFormModel(book.slug) : null;
  } catch (err) {
    req.log.warn({ err }, 'review form unavailable');
    return null;
  }
}
