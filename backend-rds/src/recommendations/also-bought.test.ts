import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createUser, orderBody } from '../orders/test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

async function buy(userId: number, lines: [bookId: number, quantity: number][]) {
  const res = await t
    .api()
    .post('/orders').set('X-User-Id', String(userId))
    .send(orderBody(lines.map(([bookId, quantity]) => ({ bookId, quantity }))));
  expect(res.status).toBe(201);
  return res.body.id as number;
}

test('ranks co-purchases by distinct buyers, then units, without the book itself or archived books', async () => {
  const dune = await createBook(t.prisma, { title: 'Dune', stock: 100 });
  const messiah = await createBook(t.prisma, { title: 'Dune Messiah', stock: 100 });
  const hyperion = await createBook(t.prisma, { title: 'Hyperion', stock: 100 });
  const foundation = await createBook(t.prisma, { title: 'Foundation', stock: 100 });
  const retired = await createBook(t.prisma, { title: 'Retired', stock: 100 });
  const unrelated = await createBook(t.prisma, { title: 'Unrelated', stock: 100 });
  const cancelledOnly = await createBook(t.prisma, { title: 'Cancelled', stock: 100 });
  const [ann, bob, cat, dan] = await Promise.all([1, 2, 3, 4].map(() => createUser(t.prisma)));

  // Messiah: 3 buyers. Hyperion: 2 buyers but 10 units. Foundation: 2 buyers, 2 units.
  await buy(ann!.id, [[dune.id, 1], [messiah.id, 1], [hyperion.id, 5], [retired.id, 9]]);
  await buy(bob!.id, [[dune.id, 1], [messiah.id, 1], [hyperion.id, 5], [foundation.id, 1]]);
  await buy(cat!.id, [[dune.id, 2], [messiah.id, 1], [foundation.id, 1]]);
  await buy(dan!.id, [[unrelated.id, 20]]); // not bought with Dune
  const cancelled = await buy(dan!.id, [[dune.id, 1], [cancelledOnly.id, 20]]);
  await t.api().post(`/orders/${cancelled}/cancel`).set('X-User-Id', String(dan!.id)).expect(200);
  await t.prisma.book.update({ where: { id: retired.id }, data: { archivedAt: new Date() } });

  const res = await t.api().get(`/books/${dune.id}/also-bought`).expect(200);
  expect(res.body.items.map((b: { title: string }) => b.title)).toEqual(['Dune Messiah', 'Hyperion', 'Foundation']);
  expect(res.body.items[0]).toMatchObject({ id: messiah.id, slug: messiah.slug, inStock: true, authors: [], categories: [] });

  const limited = await t.api().get(`/books/${dune.id}/also-bought?limit=1`).expect(200);
  expect(limited.body.items.map((b: { id: number }) => b.id)).toEqual([messiah.id]);

  const nothing = await t.api().get(`/books/${unrelated.id}/also-bought`).expect(200);
  expect(nothing.body).toEqual({ items: [] });
});

test('404 for unknown or archived books, 400 for a bad limit', async () => {
  const archived = await createBook(t.prisma, { archived: true });
  expect((await t.api().get(`/books/${archived.id}/also-bought`)).body.error.code).toBe('book_not_found');
  expect((await t.api().get('/books/2000000000/also-bought')).status).toBe(404);
  const book = await createBook(t.prisma);
  for (const limit of ['0', '21', 'many']) {
    const res = await t.api().get(`/books/${book.id}/also-bought?limit=${limit}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].field).toBe('limit');
  }
});
