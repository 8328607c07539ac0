import { HttpError, type AdminBook, type AdminBookRow } from '@bookstore/common';
import type { Prisma, PrismaClient } from '../db/client';
import { toPage, type Page } from '../http/params';
import { bookDetailSelect, bookSummarySelect, toBookDetail, toBookSummary, toRatingSummary } from '../catalog/mapper';
import type { AdminBookListQuery } from './schema';

const ORDER_BY: Record<AdminBookListQuery['sort'], Prisma.BookOrderByWithRelationInput[]> = {
  title: [{ title: 'asc' }, { id: 'asc' }],
  updated: [{ updatedAt: 'desc' }, { id: 'desc' }],
  stock: [{ stock: 'asc' }, { unitsSold: 'desc' }, { id: 'asc' }],
};

const rowSelect = { ...bookSummarySelect, unitsSold: true, archivedAt: true, updatedAt: true } satisfies Prisma.BookSelect;

/** `%`, `_` and `\` typed into the search box are themselves, not LIKE wildcards. */
const likeEscaped = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What `q` matches: the title or an author's name (ILIKE, trigram-indexed), or the ISBN. */
function searchWhere(q: string): Prisma.BookWhereInput {
  const digits = q.replace(/[\s-]/g, '');
  const pattern = likeEscaped(q);
  return {
    OR: [
      { title: { contains: pattern, mode: 'insensitive' } },
      { authorNames: { contains: pattern, mode: 'insensitive' } },
      ...(/^\d{10,13}$/.test(digits) ? [{ isbn: { contains: digits } }] : []),
    ],
  };
}

/** The back office's book list: archived books on request, low or no stock, a category, a search. */
export async function listAdminBooks(db: PrismaClient, query: AdminBookListQuery): Promise<Page<AdminBookRow>> {
  const { q, status, stock, lowStockAt, category, sort, page, pageSize } = query;
  const where: Prisma.BookWhereInput = {
    ...(status === 'active' && { archivedAt: null }),
    ...(status === 'archived' && { archivedAt: { not: null } }),
    ...(stock === 'out' && { stock: 0 }),
    ...(stock === 'low' && { stock: { gte: 1, lte: lowStockAt } }),
    ...(category !== undefined && { categories: { some: { category: { slug: category } } } }),
    ...(q ? searchWhere(q) : {}),
  };
  const [rows, total] = await Promise.all([
    db.book.findMany({ where, select: rowSelect, orderBy: ORDER_BY[sort], skip: (page - 1) * pageSize, take: pageSize }),
    db.book.count({ where }),
  ]);
  const items = rows.map(
    (row) =>
      ({
        ...toBookSummary(row),
        unitsSold: row.unitsSold,
        archivedAt: row.archivedAt?.toISOString() ?? null,
        updatedAt: row.updatedAt.toISOString(),
      }) satisfies AdminBookRow,
  );
  return toPage(items, total, query);
}

const bookNotFound = (bookId: number) => new HttpError(404, 'book_not_found', `No book with id ${bookId}`);

/** One book, archived or not, for the edit form (the shop's own reads hide archived books). */
export async function getAdminBook(db: PrismaClient, bookId: number): Promise<AdminBook> {
  const row = await db.book.findUnique({ where: { id: bookId }, select: { ...bookDetailSelect, archivedAt: true } });
  if (!row) throw bookNotFound(bookId);
  const ratings = await db.review.aggregate({ where: { bookId }, _avg: { rating: true }, _count: { _all: true } });
  return {
    ...toBookDetail(row, toRatingSummary(ratings._avg.rating, ratings._count._all)),
    archivedAt: row.archivedAt?.toISOString() ?? null,
  } satisfies AdminBook;
}

/** Puts an archived book back in the shop. 409 when it is not archived. */
export async function restoreBook(db: PrismaClient, bookId: number): Promise<AdminBook> {
  const { count } = await db.book.updateMany({ where: { id: bookId, archivedAt: { not: null } }, data: { archivedAt: null } });
  if (count === 0) {
    const exists = await db.book.findUnique({ where: { id: bookId }, select: { id: true } });
    if (!exists) throw bookNotFound(bookId);
    throw new HttpError(409, 'book_not_archived', `Book ${bookId} is not archived`);
  }
  return getAdminBook(db, bookId);
}
