import type { BookDetail, BookSummary, RatingSummary } from '@bookstore/common';
import type { Prisma } from '../db/client';

// The API shapes live in common (common/src/api), shared with the frontend's typed client.
export type { BookDetail, BookSummary, RatingSummary };

/** What every list of books selects: enough for a book card, nothing more. */
export const bookSummarySelect = {
  id: true,
  slug: true,
  title: true,
  isbn: true,
  priceCents: true,
  currency: true,
  stock: true,
  publicationYear: true,
  coverUrl: true,
  authors: {
    orderBy: { position: 'asc' },
    select: { author: { select: { id: true, name: true, slug: true } } },
  },
  categories: {
    orderBy: { category: { name: 'asc' } },
    select: { category: { select: { id: true, name: true, slug: true } } },
  },
} satisfies Prisma.BookSelect;

export type BookSummaryRow = Prisma.BookGetPayload<{ select: typeof bookSummarySelect }>;

export function toBookSummary(row: BookSummaryRow): BookSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    isbn: row.isbn,
    priceCents: row.priceCents,
    currency: row.currency,
    stock: row.stock,
    inStock: row.stock > 0,
    publicationYear: row.publicationYear,
    coverUrl: row.coverUrl,
    authors: row.authors.map(({ author }) => author),
    categories: row.categories.map(({ category }) => category),
  } satisfies BookSummary;
}

/** Books in the order of `ids` (a ranking from raw SQL), with archived or missing ones dropped. */
export function inIdOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  return ids.flatMap((id) => byId.get(id) ?? []);
}

/** A book page: the summary plus everything shown only on the book's own page. */
export const bookDetailSelect = {
  ...bookSummarySelect,
  description: true,
  pageCount: true,
  language: true,
  unitsSold: true,
  createdAt: true,
  updatedAt: true,
} satisfies Prisma.BookSelect;

export type BookDetailRow = Prisma.BookGetPayload<{ select: typeof bookDetailSelect }>;

export function toRatingSummary(average: number | null, count: number): RatingSummary {
  return { average: average === null ? null : Math.round(average * 10) / 10, count } satisfies RatingSummary;
}

export function toBookDetail(row: BookDetailRow, rating: RatingSummary): BookDetail {
  return {
    ...toBookSummary(row),
    description: row.description,
    pageCount: row.pageCount,
    language: row.language,
    unitsSold: row.unitsSold,
    rating,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  } satisfies BookDetail;
}
