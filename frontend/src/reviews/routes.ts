import { Router, type Request, type Response } from 'express';
import { HttpError, type BookDetail } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { isBackendError } from '../backends/backend-error';
import { slugFrom } from '../catalog/routes';
import { forgetBook, getBook } from '../catalog/service';
import { bookUrl, coverUrl, joinNames } from '../catalog/view-models';
import { errorSummaryItems, parseForm, problemsFromBackend, type FieldProblems } from '../web/forms';
import { signInUrl } from '../web/signed-in';
import { hasBought } from './buyer';
import { reviewFormModel } from './review-form';
import { REVIEW_FIELDS, reviewForm } from './schema';

/** A review that could not be saved: the form again, on a page of its own beside the book. */
function renderReviewForm(res: Response, book: BookDetail, problems: FieldProblems, raw: Record<string, string>): void {
  res.status(422).render('reviews/write', {
    pageTitle: `Error: Review ${book.title}`,
    noIndex: true,
    book: { title: book.title, url: bookUrl(book), coverUrl: coverUrl(book), authorsText: joinNames(book.authors.map((a) => a.name)) },
    reviewForm: reviewFormModel(book.slug, problems, raw),
    errorSummary: errorSummaryItems(problems),
  });
}

async function assertBuyer(req: Request, userId: number, book: BookDetail): Promise<void> {
  if (!(await hasBought(req.backends, userId, book.id))) {
    throw new HttpError(403, 'not_a_buyer', 'Only readers who bought this book can review it.');
  }
}

/** Writing a review: signed-in buyers of the book only, one review each. */
export function reviewRoutes(_deps: AppDeps): Router {
  const router = Router();

  router.post('/books/:slug/reviews', async (req, res) => {
    const slug = slugFrom(req, 'book');
    const userId = req.shopSession.userId;
    if (userId === undefined) return res.redirect(303, signInUrl(req, `/books/${slug}`));
    const book = await getBook(req.backends, slug);
    await assertBuyer(req, userId, book);
    const form = parseForm(reviewForm, req.body);
    if (!form.ok) return renderReviewForm(res, book, form.problems, form.raw);
    try {
      await req.backends.rds.writeReview(book.id, form.values);
    } catch (err) {
      if (isBackendError(err, 409, 'already_reviewed')) {
        return renderReviewForm(res, book, { rating: 'You have already reviewed this book: one review per reader' }, form.raw);
      }
      // The form checks what backend-rds checks, so this is rare; its messages are for developers.
      const refused = problemsFromBackend(err, REVIEW_FIELDS);
      if (!refused) throw err;
      const problems: FieldProblems = Object.fromEntries(
        Object.keys(refused).map((name) => (name === 'form' ? ['rating', 'We could not post the review: please try again'] : [name, 'This was not accepted: check it and try again'])),
      );
      return renderReviewForm(res, book, problems, form.raw);
    }
    // The book's rating summary changed: its cached copy must not hide the new review.
    await forgetBook(req.backends, book);
    res.redirect(303, `${bookUrl(book)}#reviews`);
  });

  return router;
}
