import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createUser, orderBody } from '../orders/test-fixtures';

const DAY_MS = 24 * 60 * 60 * 1000;
const start = Date.now();
let now = new Date(start);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ clock: () => now });
});
afterAll(() => t.close());

/** Places a paid order as if it were `daysAgo` days before the test started. */
async function buyDaysAgo(daysAgo: number, bookId: number, quantity: number) {
  now = new Date(start - daysAgo * DAY_MS);
  const user = await createUser(t.prisma);
  const res = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(orderBody([{ bookId, quantity }]));
  now = new Date(start);
  expect(res.body.error).toBeUndefined();
  expect(res.status).toBe(201);
  return { orderId: res.body.id as number, userId: user.id };
}

test('ranks books by units paid within the window', async () => {
  const recent = await createBook(t.prisma, { title: 'Recent hit', stock: 100 });
  const steady = await createBook(t.prisma, { title: 'Steady seller', stock: 100 });
  const old = await createBook(t.prisma, { title: 'Old hit', stock: 100 });
  const returned = await createBook(t.prisma, { title: 'Returned', stock: 100 });
  const gone = await createBook(t.prisma, { title: 'Archived', stock: 100 });

  await buyDaysAgo(1, recent.id, 5);
  await buyDaysAgo(2, steady.id, 2);
  await buyDaysAgo(20, steady.id, 3);
  await buyDaysAgo(20, old.id, 20);
  const cancelled = await buyDaysAgo(1, returned.id, 20);
  await t.api().post(`/orders/${cancelled.orderId}/cancel`).set('X-User-Id', String(cancelled.userId)).expect(200);
  await buyDaysAgo(1, gone.id, 20);
  await t.prisma.book.update({ where: { id: gone.id }, data: { archivedAt: new Date() } });

  const week = await t.api().get('/bestsellers').expect(200);
  expect(week.body.days).toBe(7);
  expect(week.body.items.map((i: { book: { title: string }; unitsSold: number }) => [i.book.title, i.unitsSold])).toEqual([
    ['Recent hit', 5],
    ['Steady seller', 2],
  ]);
  expect(week.body.items[0].book).toMatchObject({ id: recent.id, slug: recent.slug, priceCents: recent.priceCents });

  const month = await t.api().get('/bestsellers?days=30&limit=2').expect(200);
  expect(month.body.items.map((i: { book: { id: number }; unitsSold: number }) => [i.book.id, i.unitsSold])).toEqual([
    [old.id, 20],
    [recent.id, 5],
  ]);

  // The window follows the clock: a month later, nothing sold in the last week.
  now = new Date(start + 30 * DAY_MS);
  const later = await t.api().get('/bestsellers').expect(200);
  now = new Date(start);
  expect(later.body.items).toEqual([]);
});

test('days and limit are bounded', async () => {
  for (const query of ['days=0', 'days=366', 'days=abc', 'limit=0', 'limit=51']) {
    const res = await t.api().get(`/bestsellers?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].field).toBe(query.split('=')[0]);
  }
});
