import { HttpError, type AuthorWithBooks, type Category } from '@bookstore/common';
import type { Prisma, PrismaClient } from '../db/client';
import { toPage, type Page } from '../http/params';
import {
  bookDetailSelect,
  bookSummarySelect,
  inIdOrder,
  toBookDetail,
  toBookSummary,
  toRatingSummary,
  type BookDetail,
  type BookSummary,
  type BookSummaryRow,
} from './mapper';
import type { BookKey, BookListQuery, BookSort } from './schema';

type Reader = PrismaClient | Prisma.TransactionClient;

/** Every sort ends on the id, so equal prices or titles never shuffle between pages. */
const ORDER_BY: Record<BookSort, Prisma.BookOrderByWithRelationInput[]> = {
  title: [{ title: 'asc' }, { id: 'asc' }],
  price_asc: [{ priceCents: 'asc' }, { id: 'asc' }],
  price_desc: [{ priceCents: 'desc' }, { id: 'asc' }],
  newest: [{ createdAt: 'desc' }, { id: 'desc' }],
  bestselling: [{ unitsSold: 'desc' }, { id: 'asc' }],
};

/** An author page lists their books; a bound keeps a prolific author's page small. */
const AUTHOR_BOOKS_LIMIT = 100;

export async function listBooks(db: Reader, query: BookListQuery): Promise<Page<BookSummary>> {
  const { category, author, minPrice, maxPrice, inStock, sort, page, pageSize } = query;
  const where: Prisma.BookWhereInput = {
    archivedAt: null,
    ...(category !== undefined && { categories: { some: { category: { slug: category } } } }),
    ...(author !== undefined && { authors: { some: { author: { slug: author } } } }),
    ...((minPrice !== undefined || maxPrice !== undefined) && {
      priceCents: { gte: minPrice, lte: maxPrice },
    }),
    ...(inStock !== undefined && { stock: inStock ? { gt: 0 } : 0 }),
  };
  const [rows, total] = await Promise.all([
    db.book.findMany({
      where,
      select: bookSummarySelect,
      orderBy: ORDER_BY[sort],
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.book.count({ where }),
  ]);
  return toPage(rows.map(toBookSummary), total, query);
}

/** A visible (not archived) book by id or slug, with its rating; null when there is none. */
export async function findBookDetail(db: Reader, key: BookKey): Promise<BookDetail | null> {
  const row = await db.book.findFirst({
    where: { ...key, archivedAt: null },
    select: bookDetailSelect,
  });
  if (!row) return null;
  const ratings = await db.review.aggregate({
    where: { bookId: row.id },
    _avg: { rating: true },
    _count: { _all: true },
  });
  return toBookDetail(row, toRatingSummary(ratings._avg.rating, ratings._count._all));
}

/** 404 unless the book exists and is not archived: the check every book sub-resource makes. */
export async function assertBookVisible(db: Reader, bookId: number): Promise<void> {
  const book = await db.book.findFirst({ where: { id: bookId, archivedAt: null }, select: { id: true } });
  if (!book) throw new HttpError(404, 'book_not_found', `No book with id ${bookId}`);
}

/**
 * Book-card rows for ids ranked by raw SQL (search, bestsellers, also-bought), in that
 * order; archived or missing books are left out.
 */
export async function bookSummariesInOrder(db: Reader, ids: number[]): Promise<BookSummaryRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.book.findMany({
    where: { id: { in: ids }, archivedAt: null },
    select: bookSummarySelect,
  });
  return inIdOrder(ids, rows);
}

export async function getBookDetail(db: Reader, key: BookKey): Promise<BookDetail> {
  const book = await findBookDetail(db, key);
  if (!book) {
    const what = 'id' in key ? `id ${key.id}` : `slug "${key.slug}"`;
    throw new HttpError(404, 'book_not_found', `No book with ${what}`);
  }
  return book;
}

/** `GET /categories` items: the shared API shape (common/src/api). */
export type CategoryWithCount = Category;

const categorySelect = {
  id: true,
  name: true,
  slug: true,
  description: true,
  // Archived books no longer count: the number must match what the category page lists.
  _count: { select: { books: { where: { book: { archivedAt: null } } } } },
} satisfies Prisma.CategorySelect;

function toCategory(row: Prisma.CategoryGetPayload<{ select: typeof categorySelect }>) {
  const { _count, ...category } = row;
  return { ...category, bookCount: _count.books } satisfies Category;
}

export async function listCategories(db: Reader): Promise<{ items: CategoryWithCount[] }> {
  const rows = await db.category.findMany({ select: categorySelect, orderBy: { name: 'asc' } });
  return { items: rows.map(toCategory) };
}

export async function getCategory(db: Reader, slug: string): Promise<CategoryWithCount> {
  const row = await db.category.findUnique({ where: { slug }, select: categorySelect });
  if (!row) throw new HttpError(404, 'category_not_found', `No category with slug "${slug}"`);
  return toCategory(row);
}

export type { AuthorWithBooks };

export async function getAuthorWithBooks(db: Reader, slug: string): Promise<AuthorWithBooks> {
  const author = await db.author.findUnique({
    where: { slug },
    select: { id: true, name: true, slug: true, bio: true, birthYear: true, deathYear: true },
  });
  if (!author) throw new HttpError(404, 'author_not_found', `No author with slug "${slug}"`);
  const books = await db.book.findMany({
    where: { archivedAt: null, authors: { some: { authorId: author.id } } },
    select: bookSummarySelect,
    orderBy: [{ publicationYear: { sort: 'asc', nulls: 'last' } }, { title: 'asc' }, { id: 'asc' }],
    take: AUTHOR_BOOKS_LIMIT,
  });
  return { ...author, books: books.map(toBookSummary) } satisfies AuthorWithBooks;
}
