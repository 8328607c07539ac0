import http from 'node:http';
import supertest from 'supertest';
import { TEST_SERVICE_TOKEN, buildTestApp, type TestApp } from '../../test/app';
import { createApp } from '../app';
import type { ChargeRequest, ChargeResult } from '../payments/provider';
import { postgresSandboxLedger } from '../payments/sandbox-ledger';
import { TEST_CARDS, TestPaymentProvider } from '../payments/test-provider';
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
let payments: GatedPaymentProvider;
beforeAll(async () => {
  t = await buildTestApp((db) => {
    payments = new GatedPaymentProvider({ ledger: postgresSandboxLedger(db.prisma) });
    return { payments };
  });
});

const authorised = (app: Parameters<typeof supertest>[0]) =>
  supertest.agent(app).set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`);

/** The app on a server of our own, listening, to see when a request has arrived. */
async function listeningServer(): Promise<http.Server> {
  const server = http.createServer(createApp(t.deps));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}
afterAll(() => t.close());

test('50 buyers at once for 10 copies: exactly 10 paid orders, 40 insufficient_stock, no oversell', async () => {
  const book = await createBook(t.prisma, { stock: 10 });
  const buyers = await Promise.all(Array.from({ length: 50 }, () => createUser(t.prisma)));

  const responses = await Promise.all(
    buyers.map((buyer) =>
      t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(orderBody([{ bookId: book.id, quantity: 1 }])),
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
  expect(await t.prisma.sandboxCharge.count()).toBe(10);
  const adjustments = await t.prisma.stockAdjustment.findMany({
    where: { bookId: book.id, reason: 'order_placed' },
    orderBy: { stockAfter: 'asc' },
  });
  expect(adjustments.map((a) => a.stockAfter)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
});

test('the same idempotency key sent twice at once gives one order, and both answers carry it', async () => {
  const buyer = await createUser(t.prisma);
  const book = await createBook(t.prisma, { stock: 5 });
  const body = orderBody([{ bookId: book.id, quantity: 2 }]);

  const [first, second] = await Promise.all([
    t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(body),
    t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(body),
  ]);

  expect([first.status, second.status].sort()).toEqual([200, 201]);
  expect(first.body.id).toEqual(expect.any(Number));
  expect(second.body.id).toBe(first.body.id);
  expect(await t.prisma.order.count({ where: { userId: buyer.id } })).toBe(1);
  expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(3);
});

describe('a duplicate arriving while the first is charging never reaches the card', () => {
  /** Holds the first checkout at the card until the test opens the gate. */
  function holdNextCharge(): { charging: Promise<void>; open: () => void } {
    let open = () => {};
    payments.gate = new Promise((resolve) => (open = resolve));
    const charging = new Promise<void>((resolve) => {
      payments.onCharge = () => {
        resolve();
        payments.onCharge = () => {
          throw new Error('the duplicate must never reach the card');
        };
      };
    });
    return { charging, open };
  }

  afterEach(() => {
    payments.gate = undefined;
    payments.onCharge = undefined;
  });

  test('with no time to wait it answers 409 order_in_progress with Retry-After; a retry later replays the order', async () => {
    const impatient = createApp({ ...t.deps, orderReplayWaitMs: 0 });
    const buyer = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 5 });
    const body = orderBody([{ bookId: book.id, quantity: 1 }]);
    const held = holdNextCharge();
    try {
      const first = t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(body).then((res) => res);
      await held.charging; // the order is pending, its stock reserved, the card "being charged"

      const duplicate = await authorised(impatient).post('/orders').set('X-User-Id', String(buyer.id)).send(body);
      expect(duplicate.status).toBe(409);
      expect(duplicate.body.error).toMatchObject({ code: 'order_in_progress', details: { orderId: expect.any(Number) } });
      expect(duplicate.headers['retry-after']).toBe('1');
      const reserved = await t.prisma.order.findMany({ where: { userId: buyer.id } });
      expect(reserved.map((o) => o.status)).toEqual(['pending']);
      expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(4);

      held.open();
      const placed = await first;
      expect(placed.status).toBe(201);
      expect(placed.body.id).toBe(duplicate.body.error.details.orderId);
      const retried = await authorised(impatient).post('/orders').set('X-User-Id', String(buyer.id)).send(body).expect(200);
      expect(retried.body).toEqual(placed.body);
      expect(await t.prisma.order.count({ where: { userId: buyer.id } })).toBe(1);
      expect(await t.prisma.payment.count({ where: { orderId: placed.body.id } })).toBe(1);
    } finally {
      held.open();
    }
  });

  test('with time to wait it answers with the first one\'s order once that is paid (200)', async () => {
    const buyer = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 5 });
    const body = orderBody([{ bookId: book.id, quantity: 1 }]);
    const held = holdNextCharge();
    const server = await listeningServer();
    let arrivals = 0;
    server.on('request', () => (arrivals += 1));
    try {
      const first = authorised(server).post('/orders').set('X-User-Id', String(buyer.id)).send(body).then((res) => res);
      await held.charging;
      const duplicate = authorised(server).post('/orders').set('X-User-Id', String(buyer.id)).send(body).then((res) => res);
      while (arrivals < 2) await new Promise((resolve) => setImmediate(resolve));
      held.open();

      const [a, b] = await Promise.all([first, duplicate]);
      expect([a.status, b.status]).toEqual([201, 200]);
      expect(b.body).toEqual(a.body);
      expect(await t.prisma.order.count({ where: { userId: buyer.id } })).toBe(1);
    } finally {
      held.open();
      server.closeAllConnections();
      server.close();
    }
  });

  test('a different body with the same key is refused at once (409 idempotency_key_reused)', async () => {
    const buyer = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 5 });
    const body = orderBody([{ bookId: book.id, quantity: 1 }]);
    const held = holdNextCharge();
    try {
      const first = t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(body).then((res) => res);
      await held.charging;
      const other = await t.api().post('/orders').set('X-User-Id', String(buyer.id)).send({ ...body, items: [{ bookId: book.id, quantity: 2 }] });
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('idempotency_key_reused');
      held.open();
      expect((await first).status).toBe(201);
      expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(4);
    } finally {
      held.open();
    }
  });

  test('a declined first attempt: the waiting duplicate hears the same 402, and nothing is kept', async () => {
    const buyer = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 5 });
    const body = orderBody([{ bookId: book.id, quantity: 1 }], { cardNumber: TEST_CARDS.insufficientFunds });
    const held = holdNextCharge();
    const server = await listeningServer();
    let arrivals = 0;
    server.on('request', () => (arrivals += 1));
    try {
      const first = authorised(server).post('/orders').set('X-User-Id', String(buyer.id)).send(body).then((res) => res);
      await held.charging;
      // A decline frees the key: a duplicate arriving after it may charge (be declined) itself.
      payments.onCharge = undefined;
      const duplicate = authorised(server).post('/orders').set('X-User-Id', String(buyer.id)).send(body).then((res) => res);
      while (arrivals < 2) await new Promise((resolve) => setImmediate(resolve));
      held.open();

      const [a, b] = await Promise.all([first, duplicate]);
      expect(a.status).toBe(402);
      expect(a.body.error.details).toEqual({ declineCode: 'insufficient_funds' });
      // Either the duplicate waited and heard the outcome, or it came after the key was freed
      // and made its own attempt, declined just the same: never a charge, never stock taken.
      expect(b.status).toBe(402);
      expect(b.body.error.details).toEqual({ declineCode: 'insufficient_funds' });
      expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(5);
      expect(await t.prisma.order.count({ where: { userId: buyer.id, status: { not: 'payment_failed' } } })).toBe(0);
    } finally {
      held.open();
      server.closeAllConnections();
      server.close();
    }
  });
});
