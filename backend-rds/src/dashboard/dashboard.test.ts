import { Writable } from 'node:stream';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../app';
import { buildTestApp, TEST_SERVICE_TOKEN, type TestApp } from '../../test/app';
import { createBook, createUser, orderBody } from '../orders/test-fixtures';

/** GET /admin/dashboard, on a clock of the test's own, and the audit line every admin write leaves. */
const NOW = new Date('2026-06-10T15:00:00Z');
let t: TestApp;
let adminId: number;
let buyerId: number;

beforeAll(async () => {
  t = await buildTestApp({ clock: () => NOW });
  adminId = (await createUser(t.prisma, { role: 'admin' })).id;
  buyerId = (await createUser(t.prisma)).id;
});
afterAll(() => t.close());

const asAdmin = () => ({ 'X-User-Id': String(adminId) });

async function order(items: { bookId: number; quantity: number }[], paidAt: Date): Promise<number> {
  const res = await t.api().post('/orders').set('X-User-Id', String(buyerId)).send(orderBody(items)).expect(201);
  await t.prisma.order.update({ where: { id: res.body.id }, data: { paidAt } });
  return res.body.id as number;
}

test('today (UTC): orders and revenue that still count, paid orders to ship, low stock, the week\'s bestsellers', async () => {
  const popular = await createBook(t.prisma, { title: 'Popular', stock: 100, priceCents: 1000 });
  const scarce = await createBook(t.prisma, { title: 'Scarce', stock: 6, priceCents: 500 });
  await createBook(t.prisma, { title: 'Gone', stock: 0, archived: true });

  await order([{ bookId: popular.id, quantity: 3 }], new Date('2026-06-10T08:00:00Z'));
  await order([{ bookId: scarce.id, quantity: 2 }], new Date('2026-06-10T09:00:00Z'));
  const cancelled = await order([{ bookId: popular.id, quantity: 1 }], new Date('2026-06-10T10:00:00Z'));
  await t.api().post(`/orders/${cancelled}/status`).set(asAdmin()).send({ status: 'cancelled' }).expect(200);
  await order([{ bookId: popular.id, quantity: 4 }], new Date('2026-06-08T10:00:00Z'));

  const res = await t.api().get('/admin/dashboard').set(asAdmin()).expect(200);
  expect(res.body.today).toEqual({ date: '2026-06-10', orders: 2, revenue: [{ currency: 'USD', totalCents: 3000 + 1000 }] });
  expect(res.body.awaitingShipment).toBe(3);
  expect(res.body.lowStock.threshold).toBe(5);
  expect(res.body.lowStock.books.map((b: { title: string }) => b.title)).toEqual(['Scarce']);
  expect(res.body.lowStock.books[0].stock).toBe(4);
  expect(res.body.bestsellers.items.map((b: { book: { title: string }; unitsSold: number }) => [b.book.title, b.unitsSold])).toEqual([
    ['Popular', 7],
    ['Scarce', 2],
  ]);

  const wider = await t.api().get('/admin/dashboard?lowStockAt=100').set(asAdmin()).expect(200);
  expect(wider.body.lowStock.books.map((b: { title: string }) => b.title)).toEqual(['Scarce', 'Popular']);
});

test('every admin write leaves one audit line with the admin\'s id and the request id', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = createApp({ ...t.deps, logger: pino({ level: 'info' }, sink) });
  const book = await createBook(t.prisma, { stock: 1 });
  const api = () => supertest(app);
  await api()
    .post(`/admin/books/${book.id}/stock-adjustments`)
    .set({ Authorization: `Bearer ${TEST_SERVICE_TOKEN}`, 'X-User-Id': String(adminId), 'X-Request-Id': 'audit-test-request-1' })
    .send({ delta: 5, reason: 'restock' })
    .expect(201);
  await api()
    .post(`/admin/books/${book.id}/stock-adjustments`)
    .set({ Authorization: `Bearer ${TEST_SERVICE_TOKEN}`, 'X-User-Id': String(buyerId), 'X-Request-Id': 'audit-test-request-2' })
    .send({ delta: 5, reason: 'restock' })
    .expect(403);
  await api().get('/admin/dashboard').set({ Authorization: `Bearer ${TEST_SERVICE_TOKEN}`, 'X-User-Id': String(adminId) }).expect(200);

  const audit = lines.filter((line) => line.audit === true);
  expect(audit).toHaveLength(2);
  expect(audit[0]).toMatchObject({ msg: 'admin action', adminId, requestId: 'audit-test-request-1', method: 'POST', status: 201 });
  expect(audit[1]).toMatchObject({ msg: 'admin action refused', adminId: buyerId, requestId: 'audit-test-request-2', status: 403 });
});
