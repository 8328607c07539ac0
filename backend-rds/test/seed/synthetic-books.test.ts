import { mkdtemp, rm, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DEFAULT_DATA_DIR, loadCatalog } from '../../prisma/seed/load-catalog';
import { seedSyntheticBooks } from '../../prisma/seed/synthetic-books';
import { upsertCatalog } from '../../prisma/seed/upsert-catalog';
import { createTestDatabase, type TestDatabase } from '../database';

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
  // Only categories.json: the synthetic books need categories, nothing else.
  const dir = await mkdtemp(path.join(tmpdir(), 'seed-categories-'));
  try {
    await copyFile(path.join(DEFAULT_DATA_DIR, 'categories.json'), path.join(dir, 'categories.json'));
    await upsertCatalog(db.prisma, await loadCatalog(dir));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
afterAll(() => db.drop());

test('makes N searchable books with authors and categories, and only tops up on re-runs', async () => {
  expect(await seedSyntheticBooks(db.prisma, 45, { batchSize: 20 })).toEqual({ existing: 0, created: 45, total: 45 });

  const books = await db.prisma.book.findMany({
    include: { authors: true, categories: true },
    orderBy: { id: 'asc' },
  });
  expect(books).toHaveLength(45);
  for (const book of books) {
    expect(book.slug).toMatch(/^synthetic-book-\d+$/);
    expect(book.isbn).toBeNull();
    expect(book.title.split(' ').length).toBeGreaterThanOrEqual(2);
    expect(book.title.split(' ').length).toBeLessThanOrEqual(6);
    expect(book.description.split(' ').length).toBeGreaterThanOrEqual(20);
    expect(book.priceCents).toBeGreaterThanOrEqual(599);
    expect(book.authors.length).toBeGreaterThanOrEqual(1);
    expect(book.categories.length).toBeGreaterThanOrEqual(1);
    expect(book.authorNames).not.toBe('');
  }
  const [indexed] = await db.prisma.$queryRaw<{ count: number }[]>`
    SELECT count(*)::int AS count FROM books WHERE search_document IS NOT NULL`;
  expect(indexed!.count).toBe(45);
  expect(await db.prisma.stockAdjustment.count({ where: { reason: 'initial' } })).toBe(45);

  expect(await seedSyntheticBooks(db.prisma, 45)).toEqual({ existing: 45, created: 0, total: 45 });
  expect(await seedSyntheticBooks(db.prisma, 50)).toEqual({ existing: 45, created: 5, total: 50 });
  expect(await db.prisma.book.count()).toBe(50);
});
