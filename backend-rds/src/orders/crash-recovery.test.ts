import { randomBytes } from 'node:crypto';
import { createTestDatabase, type TestDatabase } from '../../test/database';
import { startServerProcess, type ServerProcess } from '../../test/server-process';
import { createBook, createUser, orderBody } from './test-fixtures';

/**
 * The real server in a process of its own, killed with SIGKILL mid-checkout and started
 * again: whatever the kill interrupted must settle, with no stock stranded and no money kept
 * without its order. The sandbox takes 6 s a charge and records it halfway (3 s), so the kill
 * catches some checkouts charged but not yet marked paid, and others not yet charged.
 */
const SERVICE_TOKEN = randomBytes(24).toString('hex');
const LATENCY_MS = 6_000;
const INITIAL_STOCK = 40;

let db: TestDatabase;
const servers: ServerProcess[] = [];
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.kill()));
  await db.drop();
});

async function start(env: Record<string, string>): Promise<ServerProcess> {
  const server = await startServerProcess({
    DATABASE_URL: db.url,
    DATABASE_POOL_SIZE: '6',
    SERVICE_TOKEN,
    NODE_ENV: 'test',
    ...env,
  });
  servers.push(server);
  return server;
}

function postOrder(server: ServerProcess, { buyerId, body }: { buyerId: number; body: object }): Promise<number | 'connection lost'> {
  return fetch(`${server.url}/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${SERVICE_TOKEN}`, 'content-type': 'application/json', 'x-user-id': String(buyerId) },
    body: JSON.stringify(body),
  }).then(
    (res) => res.status,
    () => 'connection lost' as const,
  );
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const count = async (sql: Promise<{ n: number }[]>) => (await sql)[0]?.n ?? 0;
const pendingOrders = () => count(db.prisma.$queryRaw`SELECT count(*)::int AS n FROM orders WHERE status = 'pending'`);
const charges = () => count(db.prisma.$queryRaw`SELECT count(*)::int AS n FROM sandbox_charges`);

test('kill -9 mid-checkout, restart: every pending order settles and the stock adds up', async () => {
  const books = [await createBook(db.prisma, { stock: INITIAL_STOCK }), await createBook(db.prisma, { stock: INITIAL_STOCK })];
  const buyers = await Promise.all(Array.from({ length: 16 }, () => createUser(db.prisma)));
  const bodies = buyers.map((buyer, i) => ({
    buyerId: buyer.id,
    body: orderBody(i % 3 === 0 ? books.map((b) => ({ bookId: b.id, quantity: 2 })) : [{ bookId: books[i % 2]!.id, quantity: 1 }]),
  }));

  const first = await start({
    PAYMENT_SANDBOX_LATENCY_MS: String(LATENCY_MS),
    // Longer than a charge can take at this latency (the config refuses less).
    PENDING_ORDER_SETTLE_AFTER_MS: '20000',
  });
  // Half the checkouts get as far as the charge landing at the provider...
  const answers = bodies.slice(0, 8).map((body) => postOrder(first, body));
  await until('the first charges to land', async () => ((await charges()) >= 8 ? true : undefined));
  // ...the other half only as far as their stock reserved, when the process dies.
  answers.push(...bodies.slice(8).map((body) => postOrder(first, body)));
  await until('every checkout to be pending', async () => ((await pendingOrders()) === 16 ? true : undefined));
  await first.kill();
  expect(await Promise.all(answers)).toEqual(Array(16).fill('connection lost'));

  const stranded = await db.prisma.order.findMany({ where: { status: 'pending' }, select: { id: true } });
  const charged = new Set(
    (await db.prisma.sandboxCharge.findMany()).map((charge) => Number(charge.idempotencyKey.replace('order-', ''))),
  );
  expect(stranded).toHaveLength(16);
  expect(stranded.filter((o) => charged.has(o.id))).toHaveLength(8);

  // Restarted with a short bound, settlement finds them on its first rounds.
  const second = await start({ PENDING_ORDER_SETTLE_AFTER_MS: '1000', PENDING_ORDER_SETTLE_INTERVAL_MS: '200' });
  await until('every pending order to settle', async () => ((await pendingOrders()) === 0 ? true : undefined));

  const orders = await db.prisma.order.findMany({ include: { items: true, payments: true } });
  for (const order of orders) {
    if (charged.has(order.id)) {
      // Charged before the kill: paid, with exactly that charge as its one payment.
      expect(order.status).toBe('paid');
      expect(order.payments).toEqual([expect.objectContaining({ status: 'succeeded', amountCents: order.totalCents })]);
    } else {
      expect(order).toMatchObject({ status: 'payment_failed', paymentFailure: 'checkout_interrupted', payments: [] });
    }
  }
  // Every charge the provider made belongs to a paid order, under the same reference.
  for (const charge of await db.prisma.sandboxCharge.findMany()) {
    const order = orders.find((o) => `order-${o.id}` === charge.idempotencyKey);
    expect(order?.status).toBe('paid');
    expect(order?.payments[0]?.providerReference).toBe(charge.reference);
    expect(charge.amountCents).toBe(order?.totalCents);
  }
  // Stock + units in paid orders = what there was, for each book; units_sold agrees.
  for (const book of books) {
    const now = await db.prisma.book.findUniqueOrThrow({ where: { id: book.id } });
    const unitsPaid = orders
      .filter((o) => o.status === 'paid')
      .flatMap((o) => o.items)
      .filter((item) => item.bookId === book.id)
      .reduce((sum, item) => sum + item.quantity, 0);
    expect(now.stock + unitsPaid).toBe(INITIAL_STOCK);
    expect(now.unitsSold).toBe(unitsPaid);
  }

  // Retried on the restarted service: a checkout that was charged answers with its order, one
  // interrupted before its charge is placed afresh.
  expect(await postOrder(second, bodies[0]!)).toBe(200);
  expect(await postOrder(second, bodies[15]!)).toBe(201);
  await second.stop();
}, 90_000);
