import type {
  AuthorWithBooks,
  BestsellerList,
  BookDetail,
  BookListQuery,
  BookSummary,
  Category,
  ItemList,
  Page,
  Review,
  SearchHit,
  Suggestion,
} from '@bookstore/common';
import type { CallBackend } from './request';

const segment = encodeURIComponent;

/** backend-rds, typed: the catalog, search, reviews, recommendations and bestsellers. */
export function rdsClient(call: CallBackend) {
  return {
    listBooks: (query: BookListQuery) =>
      call<Page<BookSummary>>({ method: 'GET', path: '/books', query: { ...query } }),
    /** By slug, or by id (all digits). */
    getBook: (slugOrId: string | number) =>
      call<BookDetail>({ method: 'GET', path: `/books/${segment(String(slugOrId))}` }),
    listCategories: () => call<ItemList<Category>>({ method: 'GET', path: '/categories' }),
    getCategory: (slug: string) => call<Category>({ method: 'GET', path: `/categories/${segment(slug)}` }),
    getAuthor: (slug: string) => call<AuthorWithBooks>({ method: 'GET', path: `/authors/${segment(slug)}` }),
    search: (q: string, page: number, pageSize: number) =>
      call<Page<SearchHit>>({ method: 'GET', path: '/search', query: { q, page, pageSize } }),
    suggest: (q: string, limit: number) =>
      call<ItemList<Suggestion>>({ method: 'GET', path: '/search/suggest', query: { q, limit } }),
    listReviews: (bookId: number, page: number, pageSize: number) =>
      call<Page<Review>>({ method: 'GET', path: `/books/${bookId}/reviews`, query: { page, pageSize } }),
    alsoBought: (bookId: number, limit: number) =>
      call<ItemList<BookSummary>>({ method: 'GET', path: `/books/${bookId}/also-bought`, query: { limit } }),
    bestsellers: (days: number, limit: number) =>
      call<BestsellerList>({ method: 'GET', path: '/bestsellers', query: { days, limit } }),
  };
}

export type RdsClient = ReturnType<typeof rdsClient>;
