import { Router, type Request } from 'express';
import { HttpError } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { absoluteUrl } from '../web/absolute-url';
import { parseForm } from '../web/forms';
import { toBookPageModel } from './book-page';
import { BOOK_ID, reviewsPageQuery, SLUG } from './schema';
import { alsoBought, booksByIds, getAuthor, getBook } from './service';
import { reviewFormFor } from '../reviews/review-form';
import { authorUrl, bookUrl, paginate, toBookCard, urlWithQuery } from './view-models';

const REVIEWS_PAGE_SIZE = 5;
const SHELF_SIZE = 6;

/** A side panel that fails (Redis away, a slow query) leaves the book page without it. */
function optional<T>(req: Request, what: string, work: Promise<T>, fallback: T): Promise<T> {
  return work.catch((err: unknown) => {
    req.log.warn({ err, panel: what }, 'book page panel unavailable');
    return fallback;
  });
}

export function bookRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/books/:slug', async (req, res) => {
    const key = String(req.params.slug);
    const b = req.backends;
    if (BOOK_ID.test(key)) {
      // Old links by id keep working and point at the one canonical address.
      const book = await getBook(b, Number(key));
      res.redirect(301, bookUrl(book));
      return;
    }
    if (!SLUG.test(key)) throw new HttpError(404, 'book_not_found', 'No book here');
    const form = parseForm(reviewsPageQuery, req.query);
    if (!form.ok) throw new HttpError(400, 'validation_failed', form.problems.reviews ?? 'Bad review page');
    const reviewsPage = form.values.reviews ?? 1;

    const book = await getBook(b, key);
    const userId = req.shopSession.userId;
    const firstAuthor = book.authors[0];
    const [reviews, bought, authorBooks, recentIds, reviewForm] = await Promise.all([
      optional(req, 'reviews', b.rds.listReviews(book.id, reviewsPage, REVIEWS_PAGE_SIZE), null),
      optional(req, 'also-bought', alsoBought(b, book.id, SHELF_SIZE), []),
      firstAuthor ? optional(req, 'more-by-author', getAuthor(b, firstAuthor.slug), null) : Promise.resolve(null),
      userId !== undefined
        ? optional(req, 'recently-viewed', b.redis.recentlyViewed(userId, SHELF_SIZE + 1).then((r) => r.bookIds), [])
        : Promise.resolve([]),
      reviewFormFor(req, book),
    ]);
    if (reviewsPage > 1 && reviews && reviewsPage > reviews.totalPages) {
      throw new HttpError(404, 'page_not_found', 'There are not that many pages of reviews');
    }
    const recent = await optional(
      req,
      'recently-viewed',
      booksByIds(b, recentIds.filter((id) => id !== book.id).slice(0, SHELF_SIZE)),
      [],
    );
    if (userId !== undefined) {
      b.redis.recordView(userId, book.id).catch((err: unknown) => req.log.warn({ err }, 'recording the view failed'));
    }

    const absolute = absoluteUrl(req, deps.settings.publicBaseUrl);
    const model = toBookPageModel(
      book,
      {
        reviews,
        reviewsPagination: reviews
          ? paginate(reviewsPage, reviews.totalPages, (n) => `${urlWithQuery(bookUrl(book), { reviews: n > 1 ? n : undefined })}#reviews`)
          : null,
        alsoBought: bought.map(toBookCard),
        moreByAuthor:
          firstAuthor && authorBooks
            ? {
                name: firstAuthor.name,
                url: authorUrl(firstAuthor),
                books: authorBooks.books.filter((other) => other.id !== book.id).slice(0, SHELF_SIZE).map(toBookCard),
              }
            : null,
        recentlyViewed: recent.map(toBookCard),
      },
      absolute,
    );
    const description = book.description.length > 155 ? `${book.description.slice(0, 152).trimEnd()}…` : book.description;
    res.render('catalog/book', {
      ...model,
      reviewForm,
      pageTitle: `${book.title} by ${model.authorsText}`,
      metaDescription: description,
      canonicalPath: bookUrl(book),
      openGraph: {
        type: 'book',
        title: book.title,
        description,
        url: absolute(bookUrl(book)),
        image: absolute(model.coverUrl),
        isbn: book.isbn,
      },
    });
  });

  return router;
}
