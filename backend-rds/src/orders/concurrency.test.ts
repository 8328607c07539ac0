import { buildTestApp, type TestApp } from '../../test/app';
import type { ChargeRequest, ChargeResult } from '../payments/provider';
import { TestPaymentProvider } from '../payments/test-provider';
import { createBook, createUser, orderBody } from './test-fixtures';

/** The sandbox, but a test can hold charges until it says go. */
class GatedPaymentProvider extends TestPaymentProvider {
  gate: Promise<void> | undefined;
  onCharge: (() => void) | undefined;
  override async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.onCharge?.();
    await this.gate;
    return super.charge(request);
  }
}

let t: TestApp;
const payments = new GatedPaymentProvider();
beforeAll(async () => {
  t = await buildTestApp({ payments });
});
afterAll(() => t.close());

test('50 buyers at once for 10 copies: exactly 10 paid orders, 40 insufficient_stock, no oversell', async () => {
  const book = await createBook(t.prisma, { stock: 10 });
  const buyers = await Promise.all(Array.from({ length: 50 }, () => createUser(t.prisma)));

  const responses = await Promise.all(
    buyers.map((buyer) =>
      t.api().post('/orders').send(orderBody(buyer.id, [{ bookId: book.id, quantity: 1 }])),
    ),
  );

  const statuses = responses.map((res) => res.status);
  expect(statuses.filter((status) => status === 201)).toHaveLength(10);
  expect(statuses.filter((status) => status === 409)).toHaveLength(40);
  expect(statuses.filter((status) => status >= 500)).toEqual([]);
  for (const res of responses.filter((r) => r.status === 409)) {
    expect(res.body.error.code).toBe('insufficient_stock');
  }

  const after = await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } });
  expect(after.stock).toBe(0);
  expect(after.unitsSold).toBe(10);
  expect(await t.prisma.order.count({ where: { status: 'paid' } })).toBe(10);
  expect(await t.prisma.order.count({ where: { status: { not: 'paid' } } })).toBe(0);
  expect(await t.prisma.payment.count()).toBe(10);
  const adjustments = await t.prisma.stockAdjustment.findMany({
    where: { bookId: book.id, reason: 'order_placed' },
    orderBy: { stockAfter: 'asc' },
  });
  expect(adjustments.map((a) => a.stockAfter)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('the same idempotency key sent twice at once gives one order, and both answers carry it', async () => {
  const buyer = await createUser(t.prisma);
  const book = await createBook(t.prisma, { stock: 5 });
  const body = orderBody(buyer.id, [{ bookId: book.id, quantity: 2 }]);

  const [first, second] = await Promise.all([
    t.api().post('/orders').send(body),
    t.api().post('/orders').send(body),
  ]);

  expect([first.status, second.status].sort()).toEqual([200, 201]);
  expect(first.body.id).toEqual(expect.any(Number));
  expect(second.body.id).toBe(first.body.id);
  expect(await t.prisma.order.count({ where: { userId: buyer.id } })).toBe(1);
  expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(3);
});

test('a duplicate arriving while the first is mid-transaction waits on the unique index, then replays it', async () => {
  const buyer = await createUser(t.prisma);
  const book = await createBook(t.prisma, { stock: 5 });
  const body = orderBody(buyer.id, [{ bookId: book.id, quantity: 1 }]);
  let openGate = () => {};
  payments.gate = new Promise((resolve) => (openGate = resolve));
  const charging = new Promise<void>((resolve) => (payments.onCharge = resolve));

  try {
    const first = t.api().post('/orders').send(body).then((res) => res);
    await charging; // the first holds its order row, uncommitted, while "charging"
    payments.onCharge = () => {
      throw new Error('the duplicate must never reach the card');
    };
    const second = t.api().post('/orders').send(body).then((res) => res);
    await waitForLockWait(t);
    openGate();

    const [a, b] = await Promise.all([first, second]);
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body.id).toBe(a.body.id);
    expect(await t.prisma.order.count({ where: { userId: buyer.id } })).toBe(1);
  } finally {
    payments.gate = undefined;
    payments.onCharge = undefined;
    openGate();
  }
});

/** Polls until some session of this database waits on a lock (the duplicate's INSERT). */
async function waitForLockWait(app: TestApp): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const [row] = await app.prisma.$queryRaw<{ waiting: number }[]>`
      SELECT count(*)::int AS waiting FROM pg_stat_activity
      WHERE datname = current_database() AND wait_event_type = 'Lock'`;
    if (row && row.waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('the duplicate request never waited on the lock');
}
