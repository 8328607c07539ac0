import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createUser, orderBody } from '../orders/test-fixtures';

/** GET /admin/orders (status, days), GET /admin/orders/:id with the transitions its state allows. */
let t: TestApp;
let adminId: number;
let buyer: { id: number; name: string; email: string };
let book: { id: number };

beforeAll(async () => {
  t = await buildTestApp();
  adminId = (await createUser(t.prisma, { role: 'admin' })).id;
  buyer = await createUser(t.prisma, { name: 'Bea Buyer' });
  book = await createBook(t.prisma, { stock: 50, priceCents: 1500 });
});
afterAll(() => t.close());

const asAdmin = () => ({ 'X-User-Id': String(adminId) });

async function placeOrder(quantity = 1): Promise<number> {
  const res = await t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(orderBody([{ bookId: book.id, quantity }])).expect(201);
  return res.body.id as number;
}

const setStatus = (orderId: number, status: string) =>
  t.api().post(`/orders/${orderId}/status`).set(asAdmin()).send({ status });

test('a paid order offers ship and cancel; shipped offers deliver; delivered offers nothing', async () => {
  const orderId = await placeOrder(2);
  const paid = await t.api().get(`/admin/orders/${orderId}`).set(asAdmin()).expect(200);
  expect(paid.body).toMatchObject({ id: orderId, status: 'paid', allowedTransitions: ['shipped', 'cancelled'] });
  expect(paid.body.customer).toEqual({ id: buyer.id, name: 'Bea Buyer', email: buyer.email });
  expect(paid.body.items[0]).toMatchObject({ bookId: book.id, quantity: 2 });

  await setStatus(orderId, 'shipped').expect(200);
  expect((await t.api().get(`/admin/orders/${orderId}`).set(asAdmin())).body.allowedTransitions).toEqual(['delivered']);
  await setStatus(orderId, 'delivered').expect(200);
  expect((await t.api().get(`/admin/orders/${orderId}`).set(asAdmin())).body.allowedTransitions).toEqual([]);
});

test('what is not offered is refused: a delivered order cannot be cancelled, a paid one not delivered', async () => {
  const delivered = await placeOrder();
  await setStatus(delivered, 'shipped').expect(200);
  await setStatus(delivered, 'delivered').expect(200);
  const refused = await setStatus(delivered, 'cancelled').expect(409);
  expect(refused.body.error.code).toBe('illegal_transition');
  const paid = await placeOrder();
  await setStatus(paid, 'delivered').expect(409);
});

test('cancelling puts the stock back', async () => {
  const before = (await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock;
  const orderId = await placeOrder(3);
  expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(before - 3);
  await setStatus(orderId, 'cancelled').expect(200);
  expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(before);
  expect((await t.api().get(`/admin/orders/${orderId}`).set(asAdmin())).body.allowedTransitions).toEqual([]);
});

test('the list: newest first, filtered by status and by the UTC days orders were placed on', async () => {
  const old = await placeOrder();
  await t.prisma.order.update({ where: { id: old }, data: { createdAt: new Date('2020-03-15T23:59:00Z') } });
  const recent = await placeOrder();
  await setStatus(recent, 'shipped').expect(200);

  const all = (await t.api().get('/admin/orders?pageSize=100').set(asAdmin()).expect(200)).body;
  const listed = all.items.map((o: { id: number }) => o.id);
  expect(listed).toEqual([...listed].sort((a, b) => b - a));
  expect(all.items.find((o: { id: number }) => o.id === recent)).toMatchObject({ status: 'shipped', itemCount: 1, customer: { name: 'Bea Buyer' } });

  const shipped = (await t.api().get('/admin/orders?status=shipped&pageSize=100').set(asAdmin())).body.items;
  expect(shipped.every((o: { status: string }) => o.status === 'shipped')).toBe(true);
  expect(shipped.map((o: { id: number }) => o.id)).toContain(recent);

  const day = (await t.api().get('/admin/orders?from=2020-03-15&to=2020-03-15').set(asAdmin())).body.items;
  expect(day.map((o: { id: number }) => o.id)).toEqual([old]);
  const after = (await t.api().get('/admin/orders?from=2020-03-16&to=2020-03-20').set(asAdmin())).body.items;
  expect(after).toEqual([]);
});

test('bad filters are 400s: an unknown status, a day that does not exist, to before from', async () => {
  await t.api().get('/admin/orders?status=lost').set(asAdmin()).expect(400);
  await t.api().get('/admin/orders?from=2026-02-30').set(asAdmin()).expect(400);
  await t.api().get('/admin/orders?from=2026-03-02&to=2026-03-01').set(asAdmin()).expect(400);
});

test('a missing order is a 404', async () => {
  await t.api().get('/admin/orders/99999999').set(asAdmin()).expect(404);
});
