// The catalog as backend-rds sends it and the frontend reads it: one definition, so the
// producer's mappers (`satisfies`) and the consumer's typed client cannot drift apart.
// Dates travel as ISO 8601 strings; money as integer cents with an ISO 4217 currency.

export interface AuthorRef {
  id: number;
  name: string;
  slug: string;
}

export interface CategoryRef {
  id: number;
  name: string;
  slug: string;
}

/** Enough for a book card, and what every list of books holds. */
export interface BookSummary {
  id: number;
  slug: string;
  title: string;
  /** ISBN-13, digits only. */
  isbn: string | null;
  priceCents: number;
  currency: string;
  stock: number;
  inStock: boolean;
  publicationYear: number | null;
  coverUrl: string | null;
  authors: AuthorRef[];
  categories: CategoryRef[];
}

export interface RatingSummary {
  /** Mean of the review ratings to one decimal, null while nobody has reviewed the book. */
  average: number | null;
  count: number;
}

/** A book page: the summary plus everything shown only on the book's own page. */
export interface BookDetail extends BookSummary {
  description: string;
  pageCount: number | null;
  /** BCP 47 language tag, e.g. `en`. */
  language: string;
  unitsSold: number;
  rating: RatingSummary;
  createdAt: string;
  updatedAt: string;
}

/** `GET /categories` items and `GET /categories/:slug` (the shop calls them genres). */
export interface Category extends CategoryRef {
  description: string;
  bookCount: number;
}

export interface AuthorWithBooks extends AuthorRef {
  bio: string;
  birthYear: number | null;
  deathYear: number | null;
  books: BookSummary[];
}

/** `GET /books` sorts. */
export const BOOK_SORTS = ['title', 'price_asc', 'price_desc', 'newest', 'bestselling'] as const;
export type BookSort = (typeof BOOK_SORTS)[number];

/** `GET /books` query, as the frontend sends it (prices in cents). */
export interface BookListQuery {
  category?: string;
  author?: string;
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
  sort?: BookSort;
  page?: number;
  pageSize?: number;
}
