import type {
  AuthorWithBooks,
  BookDetail,
  BookListQuery,
  BookSummary,
  Category,
  Page,
} from '@bookstore/common';
import type { BoundBackends } from '../backends';
import { isBackendError } from '../backends/backend-error';

/**
 * Catalog reads, through backend-redis's cache (cache-aside, namespace `catalog`, which an
 * admin edit bumps) in front of backend-rds. With Redis away they go straight to
 * backend-rds. Keys are ASCII: slugs are checked by the routes, query values are encoded.
 */

export function listBooks(b: BoundBackends, query: BookListQuery): Promise<Page<BookSummary>> {
  const key = Object.entries(query)
    .filter(([, value]) => value !== undefined)
    .sort(([a], [c]) => a.localeCompare(c))
    .map(([name, value]) => `${name}=${encodeURIComponent(String(value))}`)
    .join('&');
  return b.catalogCache.read(`books?${key}`, () => b.rds.listBooks(query));
}

const bookKey = (slugOrId: string | number) => `book:${slugOrId}`;

export const getBook = (b: BoundBackends, slugOrId: string | number): Promise<BookDetail> =>
  b.catalogCache.read(bookKey(slugOrId), () => b.rds.getBook(slugOrId));

/** Drops one book's cached copies (by slug and by id), e.g. after a review changed its rating. */
export const forgetBook = (b: BoundBackends, book: { id: number; slug: string }): Promise<void> =>
  b.catalogCache.forget([bookKey(book.slug), bookKey(book.id)]);

export const listGenres = (b: BoundBackends): Promise<Category[]> =>
  b.catalogCache.read('categories', async () => (await b.rds.listCategories()).items);

export const getGenre = (b: BoundBackends, slug: string): Promise<Category> =>
  b.catalogCache.read(`category:${slug}`, () => b.rds.getCategory(slug));

export const getAuthor = (b: BoundBackends, slug: string): Promise<AuthorWithBooks> =>
  b.catalogCache.read(`author:${slug}`, () => b.rds.getAuthor(slug));

export const alsoBought = (b: BoundBackends, bookId: number, limit: number): Promise<BookSummary[]> =>
  b.catalogCache.read(`also-bought:${bookId}:${limit}`, async () => (await b.rds.alsoBought(bookId, limit)).items);

/** Books by id in the given order; ids that no longer name a visible book are left out. */
export async function booksByIds(b: BoundBackends, ids: number[]): Promise<BookSummary[]> {
  const books = await Promise.all(
    ids.map((id) =>
      getBook(b, id).catch((err: unknown) => {
        if (isBackendError(err, 404)) return null;
        throw err;
      }),
    ),
  );
  return books.filter((book): book is BookDetail => book !== null);
}
