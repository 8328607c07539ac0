import { buildTestApp, sandboxOn, type TestApp } from '../../test/app';
import type { TestPaymentProvider } from '../payments/test-provider';
import { createBook, createUser, orderBody } from './test-fixtures';

/**
 * A provider as slow as a real one (200 ms a charge). With the card charged while the
 * book's row was locked, buyers of one title were charged one after another; now no lock is
 * held during the charge, so their charges overlap. The sandbox counts its charges in
 * flight: that count, not elapsed time, is what this test asserts.
 */
let t: TestApp;
let payments: TestPaymentProvider;
beforeAll(async () => {
  t = await buildTestApp((db) => {
    payments = sandboxOn(db.prisma, { latencyMs: 200 });
    return { payments };
  });
});
afterAll(() => t.close());

test('40 buyers of one title with 25 copies and a 200 ms provider: 25 paid, 15 refused, charges overlapped', async () => {
  const book = await createBook(t.prisma, { stock: 25, priceCents: 1_500 });
  const buyers = await Promise.all(Array.from({ length: 40 }, () => createUser(t.prisma)));

  const responses = await Promise.all(
    buyers.map((buyer) => t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(orderBody([{ bookId: book.id, quantity: 1 }]))),
  );

  const statuses = responses.map((res) => res.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(25);
  expect(statuses.filter((status) => status === 409)).toHaveLength(15);
  for (const res of responses.filter((r) => r.status === 409)) {
    expect(res.body.error.code).toBe('insufficient_stock');
  }
  // Many charges were answered at once: none waited for another's row lock.
  expect(payments.peakChargesInFlight).toBeGreaterThanOrEqual(10);
  expect(payments.chargesInFlight).toBe(0);

  const after = await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } });
  expect(after).toMatchObject({ stock: 0, unitsSold: 25 });
  const orders = await t.prisma.order.findMany({ where: { items: { some: { bookId: book.id } } }, include: { payments: true } });
  expect(orders).toHaveLength(25);
  for (const order of orders) {
    expect(order.status).toBe('paid');
    expect(order.payments).toEqual([expect.objectContaining({ status: 'succeeded', amountCents: 1_500 })]);
  }
  const charges = await t.prisma.sandboxCharge.findMany();
  expect(charges.map((c) => c.idempotencyKey).sort()).toEqual(orders.map((o) => `order-${o.id}`).sort());
});
