import { randomBytes } from 'node:crypto';
import autocannon from 'autocannon';
import type { PrismaClient } from '../src/db/client';
import { hashPassword } from '../src/users/password';
import { SYNTHETIC_BOOK_PREFIX } from '../prisma/seed/synthetic-books';
import { summariseLatencies, type LatencySummary } from './percentiles';
import type { Fetcher } from './search-latency';

const BENCH_USERS = 200;
const BENCH_BOOKS = 500;
/** Enough that no book runs out during the run: stock-outs would measure 409s, not orders. */
const BENCH_STOCK_FLOOR = 5_000;
const CONTENTION_STOCK = 20;
const CONTENTION_BUYERS = 100;

export interface OrderFixtures {
  userIds: number[];
  bookIds: number[];
  contentionBookId: number;
}

/**
 * Buyers are inserted with one precomputed hash (hashing is not what we measure); the
 * books get their stock topped up through the ledger, as an admin restock would.
 */
export async function prepareOrderFixtures(prisma: PrismaClient): Promise<OrderFixtures> {
  const passwordHash = await hashPassword('bench-password-not-secret');
  await prisma.user.createMany({
    data: Array.from({ length: BENCH_USERS }, (_, i) => ({
      email: `bench-buyer-${i + 1}@bench.example`,
      name: `Bench Buyer ${i + 1}`,
      passwordHash,
    })),
    skipDuplicates: true,
  });
  const users = await prisma.user.findMany({
    where: { email: { endsWith: '@bench.example' } },
    select: { id: true },
    orderBy: { id: 'asc' },
  });

  const books = await prisma.$queryRaw<{ id: number }[]>`
    SELECT id FROM books
    WHERE slug LIKE ${SYNTHETIC_BOOK_PREFIX + '%'} AND archived_at IS NULL
    ORDER BY id LIMIT ${BENCH_BOOKS + 1}::int`;
  if (books.length < BENCH_BOOKS + 1) throw new Error('the bench database has too few synthetic books');
  const bookIds = books.slice(0, BENCH_BOOKS).map((b) => b.id);
  const contentionBookId = books[BENCH_BOOKS]!.id;

  await setStock(prisma, bookIds, BENCH_STOCK_FLOOR, 'restock', (stock) => stock < BENCH_STOCK_FLOOR);
  await setStock(prisma, [contentionBookId], CONTENTION_STOCK, 'correction', (stock) => stock !== CONTENTION_STOCK);
  return { userIds: users.map((u) => u.id), bookIds, contentionBookId };
}

async function setStock(
  prisma: PrismaClient,
  bookIds: number[],
  stock: number,
  reason: 'restock' | 'correction',
  needsChange: (stock: number) => boolean,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const current = await tx.book.findMany({ where: { id: { in: bookIds } }, select: { id: true, stock: true } });
    const changes = current.filter((b) => needsChange(b.stock));
    if (changes.length === 0) return;
    await tx.stockAdjustment.createMany({
      data: changes.map((b) => ({ bookId: b.id, delta: stock - b.stock, reason, note: 'bench', stockAfter: stock })),
    });
    await tx.book.updateMany({ where: { id: { in: changes.map((b) => b.id) } }, data: { stock } });
  });
}

function orderBody(userId: number, items: { bookId: number; quantity: number }[], idempotencyKey: string) {
  return JSON.stringify({
    userId,
    items,
    shippingAddress: { name: 'Bench Buyer', line1: '1 Load Street', city: 'Springfield', postalCode: '12345', country: 'US' },
    payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' },
    idempotencyKey,
  });
}

const pick = <T>(items: T[]): T => items[Math.floor(Math.random() * items.length)]!;

function randomItems(bookIds: number[]) {
  const count = 1 + Math.floor(Math.random() * 3);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(pick(bookIds));
  return [...chosen].map((bookId) => ({ bookId, quantity: 1 + Math.floor(Math.random() * 2) }));
}

export interface LoadResult {
  durationSeconds: number;
  connections: number;
  succeeded: number;
  ordersPerSecond: number;
  statusCounts: Record<string, number>;
  connectionErrors: number;
  latency: LatencySummary;
}

/** Checkouts from many buyers at once over `connections` keep-alive connections. */
export async function runOrderLoad(
  baseUrl: string,
  serviceToken: string,
  fixtures: OrderFixtures,
  options: { connections: number; durationSeconds: number },
): Promise<LoadResult> {
  const runId = randomBytes(4).toString('hex');
  let sequence = 0;
  const latencies: number[] = [];
  const startedAt = performance.now();
  const result = await new Promise<autocannon.AutocannonResult>((resolve, reject) => {
    const instance = autocannon(
      {
        url: baseUrl,
        connections: options.connections,
        duration: options.durationSeconds,
        timeout: 30,
        headers: { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' },
        requests: [
          {
            method: 'POST',
            path: '/orders',
            setupRequest: (request) => {
              sequence += 1;
              const body = orderBody(pick(fixtures.userIds), randomItems(fixtures.bookIds), `bench-${runId}-${sequence}`);
              return { ...request, body };
            },
          },
        ],
      },
      (err, res) => (err ? reject(err) : resolve(res)),
    );
    instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTimeMs: number) => {
      latencies.push(responseTimeMs);
    });
  });
  const durationSeconds = (performance.now() - startedAt) / 1000;
  const statusCounts = Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count]));
  const succeeded = Object.entries(statusCounts)
    .filter(([code]) => code.startsWith('2'))
    .reduce((sum, [, count]) => sum + count, 0);
  return {
    durationSeconds,
    connections: options.connections,
    succeeded,
    ordersPerSecond: succeeded / durationSeconds,
    statusCounts,
    connectionErrors: result.errors,
    latency: summariseLatencies(latencies),
  };
}

export interface StockSnapshot {
  stockByBook: Map<number, number>;
  lastOrderId: number;
}

export async function snapshotStock(prisma: PrismaClient): Promise<StockSnapshot> {
  const books = await prisma.book.findMany({ select: { id: true, stock: true } });
  const last = await prisma.order.aggregate({ _max: { id: true } });
  return { stockByBook: new Map(books.map((b) => [b.id, b.stock])), lastOrderId: last._max.id ?? 0 };
}

export interface OversellCheck {
  booksChecked: number;
  /** Books whose stock fell by more (or less) than the units in paid orders since the snapshot. */
  mismatches: { bookId: number; stockDrop: number; unitsPaid: number }[];
  negativeStock: number;
  paidOrders: number;
  unitsPaid: number;
}

/**
 * For every book: stock before − stock now must equal the units in orders paid since.
 * One statement, so stock and orders are read from the same snapshot.
 */
export async function checkForOversells(prisma: PrismaClient, before: StockSnapshot): Promise<OversellCheck> {
  const rows = await prisma.$queryRaw<{ id: number; stock: number; units: number; paid_orders: number }[]>`
    WITH paid AS (
      SELECT id FROM orders
      WHERE id > ${before.lastOrderId}::int AND status IN ('paid', 'shipped', 'delivered')
    ), sold AS (
      SELECT oi.book_id, sum(oi.quantity)::int AS units
      FROM order_items oi JOIN paid ON paid.id = oi.order_id
      GROUP BY oi.book_id
    )
    SELECT b.id, b.stock, coalesce(sold.units, 0) AS units, (SELECT count(*)::int FROM paid) AS paid_orders
    FROM books b LEFT JOIN sold ON sold.book_id = b.id`;
  const checked = rows.map((b) => ({
    bookId: b.id,
    stockDrop: (before.stockByBook.get(b.id) ?? b.stock) - b.stock,
    unitsPaid: b.units,
  }));
  return {
    booksChecked: rows.length,
    mismatches: checked.filter((b) => b.stockDrop !== b.unitsPaid),
    negativeStock: rows.filter((b) => b.stock < 0).length,
    paidOrders: rows[0]?.paid_orders ?? 0,
    unitsPaid: checked.reduce((sum, b) => sum + b.unitsPaid, 0),
  };
}

export interface ContentionResult {
  buyers: number;
  initialStock: number;
  succeeded: number;
  statusCounts: Record<string, number>;
  finalStock: number;
  unitsPaid: number;
}

/** 100 buyers at the same instant for the last 20 copies: exactly 20 may win. */
export async function runContention(prisma: PrismaClient, fetcher: Fetcher, fixtures: OrderFixtures): Promise<ContentionResult> {
  const runId = randomBytes(4).toString('hex');
  const lastOrder = await prisma.order.aggregate({ _max: { id: true } });
  const items = [{ bookId: fixtures.contentionBookId, quantity: 1 }];
  const statuses = await Promise.all(
    Array.from({ length: CONTENTION_BUYERS }, async (_, i) => {
      const userId = fixtures.userIds[i % fixtures.userIds.length]!;
      const res = await fetcher('/orders', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: orderBody(userId, items, `contention-${runId}-${i}`),
      });
      await res.arrayBuffer();
      return res.status;
    }),
  );
  const statusCounts: Record<string, number> = {};
  for (const status of statuses) statusCounts[status] = (statusCounts[status] ?? 0) + 1;
  const book = await prisma.book.findUniqueOrThrow({ where: { id: fixtures.contentionBookId } });
  const [paid] = await prisma.$queryRaw<{ units: number }[]>`
    SELECT coalesce(sum(oi.quantity), 0)::int AS units
    FROM order_items oi JOIN orders o ON o.id = oi.order_id
    WHERE o.id > ${lastOrder._max.id ?? 0}::int AND oi.book_id = ${fixtures.contentionBookId}::int
      AND o.status IN ('paid', 'shipped', 'delivered')`;
  return {
    buyers: CONTENTION_BUYERS,
    initialStock: CONTENTION_STOCK,
    succeeded: statuses.filter((s) => s >= 200 && s < 300).length,
    statusCounts,
    finalStock: book.stock,
    unitsPaid: paid?.units ?? 0,
  };
}
