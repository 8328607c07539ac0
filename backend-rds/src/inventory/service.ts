import { HttpError } from '@bookstore/common';
import type { Prisma, PrismaClient } from '../db/client';
import type { ActingUser } from '../http/acting-user';
import { getBookDetail } from '../catalog/service';
import type { BookDetail } from '../catalog/mapper';
import { refreshSearchDocuments } from '../catalog/search-document';
import type { CreateBookInput, UpdateBookInput } from './schema';
import { slugify, uniqueBookSlug } from './slug';
import { withBookConflicts } from './book-conflicts';

type Tx = Prisma.TransactionClient;

/** 400 naming the field when some of the ids it lists do not exist. */
function assertAllFound(field: string, what: string, requested: number[], found: { id: number }[]): void {
  const foundIds = new Set(found.map(({ id }) => id));
  const missing = requested.filter((id) => !foundIds.has(id));
  if (missing.length === 0) return;
  const message = `No ${what} with id ${missing.join(', ')}`;
  throw new HttpError(400, 'validation_failed', `Invalid body (${field}: ${message})`, [
    { field, message },
  ]);
}

/**
 * The authors of a book in cover order: existing ones by id, or by name, found or created
 * by slug. The insert is one ON CONFLICT statement so two admins adding the same new author
 * at once both get the one row.
 */
async function resolveAuthorIds(
  tx: Tx,
  input: { authorIds?: number[]; authorNames?: string[] },
): Promise<number[] | undefined> {
  if (input.authorIds) {
    const found = await tx.author.findMany({
      where: { id: { in: input.authorIds } },
      select: { id: true },
    });
    assertAllFound('authorIds', 'author', input.authorIds, found);
    return input.authorIds;
  }
  if (!input.authorNames) return undefined;
  const ids: number[] = [];
  for (const name of input.authorNames) {
    const [author] = await tx.$queryRaw<{ id: number }[]>`
      INSERT INTO authors (name, slug) VALUES (${name}, ${slugify(name)})
      ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug
      RETURNING id`;
    ids.push(author!.id);
  }
  // "Jane Austen" and "Jane  Austen" share a slug, hence an author: list them once.
  return [...new Set(ids)];
}

async function assertCategoriesExist(tx: Tx, categoryIds: number[] | undefined): Promise<void> {
  if (!categoryIds?.length) return;
  const found = await tx.category.findMany({
    where: { id: { in: categoryIds } },
    select: { id: true },
  });
  assertAllFound('categoryIds', 'category', categoryIds, found);
}

const authorLinks = (authorIds: number[]) =>
  authorIds.map((authorId, position) => ({ authorId, position }));
const categoryLinks = (categoryIds: number[]) => categoryIds.map((categoryId) => ({ categoryId }));

export async function createBook(
  db: PrismaClient,
  admin: ActingUser,
  input: CreateBookInput,
): Promise<BookDetail> {
  const { authorIds: _ids, authorNames: _names, categoryIds, stock, ...fields } = input;
  const bookId = await withBookConflicts(() =>
    db.$transaction(async (tx) => {
      const authorIds = (await resolveAuthorIds(tx, input)) ?? [];
      await assertCategoriesExist(tx, categoryIds);
      const book = await tx.book.create({
        data: {
          ...fields,
          slug: fields.slug ?? (await uniqueBookSlug(tx, fields.title)),
          stock,
          authors: { create: authorLinks(authorIds) },
          categories: { create: categoryLinks(categoryIds) },
        },
        select: { id: true },
      });
      // Opening stock goes into the ledger too, so the history always adds up to `stock`.
      if (stock > 0) {
        await tx.stockAdjustment.create({
          data: {
            bookId: book.id,
            delta: stock,
            reason: 'initial',
            stockAfter: stock,
            actorUserId: admin.id,
          },
        });
      }
      await refreshSearchDocuments(tx, [book.id]);
      return book.id;
    }),
  );
  // Read back from the primary: a replica may not have the new book yet.
  return getBookDetail(db, { id: bookId });
}

export async function updateBook(
  db: PrismaClient,
  bookId: number,
  input: UpdateBookInput,
): Promise<BookDetail> {
  const { authorIds: _ids, authorNames: _names, categoryIds, ...fields } = input;
  await withBookConflicts(() =>
    db.$transaction(async (tx) => {
      const book = await tx.book.findFirst({
        where: { id: bookId, archivedAt: null },
        select: { id: true },
      });
      if (!book) throw new HttpError(404, 'book_not_found', `No book with id ${bookId}`);
      const authorIds = await resolveAuthorIds(tx, input);
      await assertCategoriesExist(tx, categoryIds);
      await tx.book.update({
        where: { id: bookId },
        data: {
          ...fields,
          ...(authorIds && { authors: { deleteMany: {}, create: authorLinks(authorIds) } }),
          ...(categoryIds && {
            categories: { deleteMany: {}, create: categoryLinks(categoryIds) },
          }),
        },
      });
      await refreshSearchDocuments(tx, [bookId]);
    }),
  );
  return getBookDetail(db, { id: bookId });
}

/** Archiving hides the book everywhere while orders and reviews keep pointing at it. */
export async function archiveBook(db: PrismaClient, bookId: number, now: Date): Promise<void> {
  const { count } = await db.book.updateMany({
    where: { id: bookId, archivedAt: null },
    data: { archivedAt: now },
  });
  if (count === 0) throw new HttpError(404, 'book_not_found', `No book with id ${bookId}`);
}
