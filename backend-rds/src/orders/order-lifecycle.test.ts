import { buildTestApp, type TestApp } from '../../test/app';
import { TestPaymentProvider } from '../payments/test-provider';
import { PaymentUnavailableError } from '../payments/provider';
import { createBook, createUser, orderBody } from './test-fixtures';

let t: TestApp;
let payments: TestPaymentProvider;
let admin: { id: number };
beforeAll(async () => {
  t = await buildTestApp();
  payments = t.deps.payments as TestPaymentProvider;
  admin = await createUser(t.prisma, { role: 'admin' });
});
afterAll(() => t.close());

async function paidOrder(quantity = 2, stock = 10) {
  const user = await createUser(t.prisma);
  const book = await createBook(t.prisma, { stock });
  const res = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(orderBody([{ bookId: book.id, quantity }])).expect(201);
  return { user, book, order: res.body as { id: number; status: string } };
}

const as = (userId: number) => ({ 'X-User-Id': String(userId) });

describe('GET /orders/:id', () => {
  test('the owner and an admin can read it; to another customer it does not exist', async () => {
    const { user, order } = await paidOrder();
    const mine = await t.api().get(`/orders/${order.id}`).set(as(user.id)).expect(200);
    expect(mine.body).toEqual(order);
    await t.api().get(`/orders/${order.id}`).set(as(admin.id)).expect(200);
    const stranger = await createUser(t.prisma);
    const theirs = await t.api().get(`/orders/${order.id}`).set(as(stranger.id)).expect(404);
    // Word for word what a missing id gets, so ids cannot be probed.
    const missingId = order.id + 1_000_000;
    const missing = await t.api().get(`/orders/${missingId}`).set(as(stranger.id)).expect(404);
    expect(theirs.body.error.code).toBe('order_not_found');
    expect(theirs.body.error.message.replace(String(order.id), 'N')).toBe(
      missing.body.error.message.replace(String(missingId), 'N'),
    );
  });

  test('401 without X-User-Id or with an unknown user, 404 for an unknown order, 400 for a bad id', async () => {
    const { order } = await paidOrder();
    expect((await t.api().get(`/orders/${order.id}`).expect(401)).body.error.code).toBe('user_required');
    expect((await t.api().get(`/orders/${order.id}`).set(as(2_000_000_000)).expect(401)).body.error.code).toBe(
      'unknown_user',
    );
    expect((await t.api().get('/orders/2000000000').set(as(admin.id)).expect(404)).body.error.code).toBe(
      'order_not_found',
    );
    const bad = await t.api().get('/orders/99999999999').set(as(admin.id)).expect(400);
    expect(bad.body.error.details[0].field).toBe('id');
  });
});

describe('GET /users/:id/orders', () => {
  test('lists the user’s orders newest first, paginated', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 10 });
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) {
      const res = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(orderBody([{ bookId: book.id, quantity: 1 }]));
      ids.push(res.body.id);
    }
    const page1 = await t.api().get(`/users/${user.id}/orders?pageSize=2`).set(as(user.id)).expect(200);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(page1.body.items.map((o: { id: number }) => o.id)).toEqual([ids[2], ids[1]]);
    const page2 = await t.api().get(`/users/${user.id}/orders?pageSize=2&page=2`).set(as(admin.id)).expect(200);
    expect(page2.body.items.map((o: { id: number }) => o.id)).toEqual([ids[0]]);
  });

  test('404 user_not_found for another customer and for an unknown user alike, 400 for a bad page', async () => {
    const [user, other] = [await createUser(t.prisma), await createUser(t.prisma)];
    expect((await t.api().get(`/users/${user.id}/orders`).set(as(other.id)).expect(404)).body.error.code).toBe(
      'user_not_found',
    );
    expect((await t.api().get('/users/2000000000/orders').set(as(other.id)).expect(404)).body.error.code).toBe(
      'user_not_found',
    );
    expect((await t.api().get('/users/2000000000/orders').set(as(admin.id)).expect(404)).body.error.code).toBe(
      'user_not_found',
    );
    const bad = await t.api().get(`/users/${user.id}/orders?page=0`).set(as(user.id)).expect(400);
    expect(bad.body.error.details[0].field).toBe('page');
  });
});

describe('cancelling', () => {
  test('a pending order (its charge may be landing) cannot be cancelled: 409, stock kept', async () => {
    const { user, book, order } = await paidOrder(1, 5);
    await t.prisma.order.update({ where: { id: order.id }, data: { status: 'pending', paidAt: null } });
    const res = await t.api().post(`/orders/${order.id}/cancel`).set(as(user.id)).expect(409);
    expect(res.body.error).toMatchObject({ code: 'illegal_transition', details: { from: 'pending', to: 'cancelled' } });
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(4);
  });

  test('the owner cancels a paid order: stock back, units_sold down, payment refunded', async () => {
    const { user, book, order } = await paidOrder(3, 10);
    const refund = jest.spyOn(payments, 'refund');
    const res = await t.api().post(`/orders/${order.id}/cancel`).set(as(user.id)).expect(200);
    expect(res.body).toMatchObject({ id: order.id, status: 'cancelled', payment: { status: 'refunded' } });
    expect(res.body.cancelledAt).toEqual(expect.any(String));
    expect(refund).toHaveBeenCalledWith(expect.stringMatching(/^test_ch_/), 3 * book.priceCents);

    const after = await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } });
    expect(after.stock).toBe(10);
    expect(after.unitsSold).toBe(0);
    const restored = await t.prisma.stockAdjustment.findFirstOrThrow({
      where: { orderId: order.id, reason: 'order_cancelled' },
    });
    expect(restored).toMatchObject({ bookId: book.id, delta: 3, stockAfter: 10, actorUserId: user.id });
    const payment = await t.prisma.payment.findFirstOrThrow({ where: { orderId: order.id } });
    expect(payment.refundedAt).not.toBeNull();

    const twice = await t.api().post(`/orders/${order.id}/cancel`).set(as(user.id)).expect(409);
    expect(twice.body.error.code).toBe('illegal_transition');
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(10);
  });

  test('another customer cannot cancel: 404 as for a missing order, and nothing changes', async () => {
    const { book, order } = await paidOrder(1, 5);
    const stranger = await createUser(t.prisma);
    const res = await t.api().post(`/orders/${order.id}/cancel`).set(as(stranger.id)).expect(404);
    expect(res.body.error.code).toBe('order_not_found');
    expect((await t.api().post('/orders/2000000000/cancel').set(as(stranger.id)).expect(404)).body.error.code).toBe(
      'order_not_found',
    );
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(4);
    expect((await t.prisma.order.findUniqueOrThrow({ where: { id: order.id } })).status).toBe('paid');
  });

  test('a refund the provider cannot make now is 503 and the order stays paid with its stock taken', async () => {
    const { user, book, order } = await paidOrder(1, 5);
    const refund = jest.spyOn(payments, 'refund').mockRejectedValueOnce(new PaymentUnavailableError());
    const res = await t.api().post(`/orders/${order.id}/cancel`).set(as(user.id)).expect(503);
    expect(res.body.error.code).toBe('payment_unavailable');
    refund.mockRestore();
    const after = await t.prisma.order.findUniqueOrThrow({ where: { id: order.id }, include: { payments: true } });
    expect(after.status).toBe('paid');
    expect(after.payments[0]?.status).toBe('succeeded');
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(4);
  });
});

describe('POST /orders/:id/status (admin)', () => {
  test('paid → shipped → delivered, each stamped; then nothing more', async () => {
    const { order } = await paidOrder();
    const shipped = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'shipped' });
    expect(shipped.status).toBe(200);
    expect(shipped.body.status).toBe('shipped');
    expect(shipped.body.shippedAt).toEqual(expect.any(String));

    const cancel = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'cancelled' });
    expect(cancel.status).toBe(409);
    expect(cancel.body.error).toMatchObject({ code: 'illegal_transition', details: { from: 'shipped', to: 'cancelled' } });

    const delivered = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'delivered' });
    expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });

    const again = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'shipped' });
    expect(again.status).toBe(409);
  });

  test('an admin may cancel a paid order, restoring stock', async () => {
    const { book, order } = await paidOrder(2, 6);
    const res = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'cancelled' });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(6);
  });

  test('paid → delivered skips shipping: 409', async () => {
    const { order } = await paidOrder();
    const res = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'delivered' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
  });

  test('customers get 403, bad statuses 400, unknown orders 404', async () => {
    const { user, order } = await paidOrder();
    const customer = await t.api().post(`/orders/${order.id}/status`).set(as(user.id)).send({ status: 'shipped' });
    expect(customer.status).toBe(403);
    expect(customer.body.error.code).toBe('admin_only');
    const bad = await t.api().post(`/orders/${order.id}/status`).set(as(admin.id)).send({ status: 'paid' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].field).toBe('status');
    const missing = await t.api().post('/orders/2000000000/status').set(as(admin.id)).send({ status: 'shipped' });
    expect(missing.status).toBe(404);
  });
});
