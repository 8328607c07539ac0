import { createTestDatabase, type TestDatabase } from '../../test/database';
import { refreshSearchDocuments } from './search-document';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

test('author names and the tsvector follow the book', async () => {
  const author = await db.prisma.author.create({ data: { name: 'Jane Austen', slug: 'jane-austen' } });
  const book = await db.prisma.book.create({
    data: {
      title: 'Pride and Prejudice',
      slug: 'pride-and-prejudice',
      description: 'Elizabeth Bennet meets Mr Darcy.',
      priceCents: 899,
      authors: { create: [{ authorId: author.id }] },
    },
  });
  await db.prisma.book.create({ data: { title: 'Other', slug: 'other', priceCents: 1 } });

  expect(await refreshSearchDocuments(db.prisma, [book.id])).toBe(1);

  const rows = await db.prisma.$queryRaw<{ author_names: string; matches: boolean }[]>`
    SELECT author_names, search_document @@ to_tsquery('english', 'austen & prejudice') AS matches
    FROM books WHERE id = ${book.id}`;
  expect(rows).toEqual([{ author_names: 'Jane Austen', matches: true }]);
  expect(await refreshSearchDocuments(db.prisma)).toBe(2);
  expect(await refreshSearchDocuments(db.prisma, [])).toBe(0);
});
