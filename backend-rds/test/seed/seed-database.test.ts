import { mkdtemp, rm, writeFile, copyFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { verifyPassword } from '../../src/users/password';
import {
  DEMO_ADMIN_EMAIL,
  DEMO_CUSTOMER_EMAIL,
  DEV_DEMO_ADMIN_PASSWORD,
  DEV_DEMO_CUSTOMER_PASSWORD,
  demoUsersFromEnv,
} from '../../prisma/seed/demo-users';
import { DEFAULT_DATA_DIR, loadCatalog, type Catalog } from '../../prisma/seed/load-catalog';
import { seedDatabase } from '../../prisma/seed/seed-database';
import { createTestDatabase, type TestDatabase } from '../database';

let db: TestDatabase;
let catalog: Catalog;
const DEV_ENV = { NODE_ENV: 'test' };

beforeAll(async () => {
  db = await createTestDatabase();
  catalog = await loadCatalog(DEFAULT_DATA_DIR);
});
afterAll(() => db.drop());

/** Everything a re-seed must not change, updated_at included. */
async function snapshot() {
  const p = db.prisma;
  return {
    categories: await p.category.count(),
    authors: await p.author.count(),
    books: await p.book.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, slug: true, stock: true, unitsSold: true, updatedAt: true, authorNames: true },
    }),
    bookAuthors: await p.bookAuthor.findMany({ orderBy: [{ bookId: 'asc' }, { authorId: 'asc' }] }),
    bookCategories: await p.bookCategory.count(),
    stockAdjustments: await p.stockAdjustment.count(),
    users: await p.user.findMany({ orderBy: { id: 'asc' } }),
  };
}

describe('npm run db:seed on a fresh database', () => {
  test('loads every category, author and book with links, search columns and initial stock', async () => {
    const summary = await seedDatabase(db.prisma, { env: DEV_ENV });

    expect(summary.catalog.books).toEqual({ created: catalog.books.length, updated: 0, total: catalog.books.length });
    expect(await db.prisma.category.count()).toBe(catalog.categories.length);
    expect(await db.prisma.author.count()).toBe(catalog.authors.length);
    expect(await db.prisma.bookAuthor.count()).toBe(catalog.books.reduce((n, b) => n + b.authors.length, 0));
    expect(await db.prisma.bookCategory.count()).toBe(catalog.books.reduce((n, b) => n + b.categories.length, 0));

    // Authors keep the file's order: position 0 is the first name on the cover.
    const sample = catalog.books.find((b) => b.authors.length > 1) ?? catalog.books[0]!;
    const stored = await db.prisma.book.findUniqueOrThrow({
      where: { slug: sample.slug },
      include: { authors: { orderBy: { position: 'asc' }, include: { author: true } } },
    });
    expect(stored.authors.map((a) => a.author.slug)).toEqual(sample.authors);
    expect(stored.stock).toBe(sample.stock);
    expect(stored.isbn).toBe(sample.isbn);

    const [withoutDocument] = await db.prisma.$queryRaw<{ count: number }[]>`
      SELECT count(*)::int AS count FROM books WHERE search_document IS NULL OR author_names = ''`;
    expect(withoutDocument!.count).toBe(0);
    const initial = await db.prisma.stockAdjustment.findMany({ where: { reason: 'initial' } });
    expect(initial).toHaveLength(catalog.books.length);
    expect(initial.every((a) => a.delta === a.stockAfter)).toBe(true);
  });

  test('the demo users can sign in with the development passwords', async () => {
    const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_ADMIN_EMAIL } });
    const customer = await db.prisma.user.findUniqueOrThrow({ where: { email: DEMO_CUSTOMER_EMAIL } });
    expect(admin.role).toBe('admin');
    expect(customer.role).toBe('customer');
    expect(await verifyPassword(admin.passwordHash, DEV_DEMO_ADMIN_PASSWORD)).toBe(true);
    expect(await verifyPassword(customer.passwordHash, DEV_DEMO_CUSTOMER_PASSWORD)).toBe(true);
    expect(await verifyPassword(customer.passwordHash, DEV_DEMO_ADMIN_PASSWORD)).toBe(false);
  });

  test('a second run changes nothing: no stock reset after a sale, users untouched', async () => {
    const sold = await db.prisma.book.findFirstOrThrow({ where: { stock: { gt: 2 } }, orderBy: { id: 'asc' } });
    await db.prisma.book.update({
      where: { id: sold.id },
      data: { stock: { decrement: 2 }, unitsSold: { increment: 2 } },
    });
    await db.prisma.user.update({ where: { email: DEMO_CUSTOMER_EMAIL }, data: { name: 'Renamed Customer' } });
    const before = await snapshot();

    const summary = await seedDatabase(db.prisma, {
      env: { ...DEV_ENV, DEMO_CUSTOMER_PASSWORD: 'another-password-123' },
    });

    expect(summary.catalog.books).toEqual({ created: 0, updated: 0, total: catalog.books.length });
    expect(summary.catalog.authors).toEqual({ created: 0, updated: 0 });
    expect(summary.demoUsers.created).toEqual([]);
    expect(await snapshot()).toEqual(before);
    const after = await db.prisma.book.findUniqueOrThrow({ where: { id: sold.id } });
    expect(after).toMatchObject({ stock: sold.stock - 2, unitsSold: 2 });
  });

  test('changed data files update descriptive fields and links, never stock', async () => {
    const original = catalog.books.find((b) => b.stock > 0)!;
    const { stock: stockBefore } = await db.prisma.book.findUniqueOrThrow({ where: { slug: original.slug } });
    const dir = await mkdtemp(path.join(tmpdir(), 'seed-data-'));
    try {
      await copyFile(path.join(DEFAULT_DATA_DIR, 'categories.json'), path.join(dir, 'categories.json'));
      const edited = {
        ...original,
        description: 'A rewritten description.',
        stock: original.stock + 100,
        categories: ['poetry-drama'],
      };
      const authors = catalog.authors.filter((a) => original.authors.includes(a.slug));
      await writeFile(path.join(dir, 'books-edited.json'), JSON.stringify({ authors, books: [edited] }));

      const summary = await seedDatabase(db.prisma, { dataDir: dir, env: DEV_ENV });

      expect(summary.catalog.books).toMatchObject({ created: 0, updated: 1 });
      const book = await db.prisma.book.findUniqueOrThrow({
        where: { slug: original.slug },
        include: { categories: { include: { category: true } } },
      });
      expect(book.description).toBe('A rewritten description.');
      expect(book.categories.map((c) => c.category.slug)).toEqual(['poetry-drama']);
      expect(book.stock).toBe(stockBefore);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  test('a renamed slug renames the book found by its ISBN, keeping its id and stock', async () => {
    const original = catalog.books.find((b) => b.isbn !== null && b.stock > 0)!;
    const before = await db.prisma.book.findUniqueOrThrow({ where: { slug: original.slug } });
    const dir = await mkdtemp(path.join(tmpdir(), 'seed-data-'));
    try {
      await copyFile(path.join(DEFAULT_DATA_DIR, 'categories.json'), path.join(dir, 'categories.json'));
      const renamed = { ...original, slug: `${original.slug}-second-edition` };
      const authors = catalog.authors.filter((a) => original.authors.includes(a.slug));
      await writeFile(path.join(dir, 'books-renamed.json'), JSON.stringify({ authors, books: [renamed] }));

      const summary = await seedDatabase(db.prisma, { dataDir: dir, env: DEV_ENV });

      expect(summary.catalog.books).toMatchObject({ created: 0 });
      const after = await db.prisma.book.findUniqueOrThrow({ where: { slug: renamed.slug } });
      expect(after.id).toBe(before.id);
      expect(after.stock).toBe(before.stock);
      expect(await db.prisma.book.count({ where: { slug: original.slug } })).toBe(0);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('demo passwords', () => {
  test('production refuses the development defaults and accepts real secrets', () => {
    expect(() => demoUsersFromEnv({ NODE_ENV: 'production' })).toThrow(/DEMO_ADMIN_PASSWORD/);
    expect(() =>
      demoUsersFromEnv({ NODE_ENV: 'production', DEMO_ADMIN_PASSWORD: 'a-real-secret-1', DEMO_CUSTOMER_PASSWORD: DEV_DEMO_CUSTOMER_PASSWORD }),
    ).toThrow(/DEMO_CUSTOMER_PASSWORD/);
    const users = demoUsersFromEnv({
      NODE_ENV: 'production',
      DEMO_ADMIN_PASSWORD: 'a-real-secret-1',
      DEMO_CUSTOMER_PASSWORD: 'a-real-secret-2',
    });
    expect(users.map((u) => [u.email, u.role, u.password])).toEqual([
      [DEMO_ADMIN_EMAIL, 'admin', 'a-real-secret-1'],
      [DEMO_CUSTOMER_EMAIL, 'customer', 'a-real-secret-2'],
    ]);
  });

  test('a password shorter than the minimum is refused', () => {
    expect(() => demoUsersFromEnv({ DEMO_ADMIN_PASSWORD: 'short' })).toThrow(/at least 10/);
  });
});
