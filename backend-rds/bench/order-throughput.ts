import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { PrismaClient } from '../src/db/client';
import { hashPassword } from '../src/users/password';
import { SYNTHETIC_BOOK_PREFIX } from '../prisma/seed/synthetic-books';
import { buyerHeaders, orderBody } from './order-bodies';
import type { LoadJob, LoadResult } from './order-load-worker';
import type { Fetcher } from './search-latency';

export type { LoadResult } from './order-load-worker';

const BENCH_USERS = 200;
const BENCH_BOOKS = 500;
/** Enough that no book runs out during the run: stock-outs would measure 409s, not orders. */
const BENCH_STOCK_FLOOR = 5_000;
const CONTENTION_STOCK = 20;
const CONTENTION_BUYERS = 100;
/** The bestseller on launch day: this many buyers at once for this many copies. */
export const HOT_TITLE = { buyers: 200, copies: 1_000 };

export interface OrderFixtures {
  userIds: number[];
  bookIds: number[];
  contentionBookId: number;
  hotBookId: number;
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
    ORDER BY id LIMIT ${BENCH_BOOKS + 2}::int`;
  if (books.length < BENCH_BOOKS + 2) throw new Error('the bench database has too few synthetic books');
  const bookIds = books.slice(0, BENCH_BOOKS).map((b) => b.id);
  const contentionBookId = books[BENCH_BOOKS]!.id;
  const hotBookId = books[BENCH_BOOKS + 1]!.id;

  await setStock(prisma, bookIds, BENCH_STOCK_FLOOR, 'restock', (stock) => stock < BENCH_STOCK_FLOOR);
  await setStock(prisma, [contentionBookId], CONTENTION_STOCK, 'correction', (stock) => stock !== CONTENTION_STOCK);
  return { userIds: users.map((u) => u.id), bookIds, contentionBookId, hotBookId };
}

/** Sets the books' stock (where `needsChange`), through the ledger as an admin would. */
export async function setStock(
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

const WORKER = path.join(__dirname, 'order-load-worker.ts');

/**
 * Checkouts from many buyers at once over keep-alive connections, sent by autocannon in a
 * process of its own (order-load-worker.ts), so the load generator's work is not counted
 * against the app (which runs in its own process too).
 */
export function runOrderLoad(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = fork(WORKER, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result: LoadResult | undefined;
    worker.once('message', (message: LoadResult) => (result = message));
    worker.once('error', reject);
    worker.once('exit', (code) => (result ? resolve(result) : reject(new Error(`the load worker exited with code ${code}`))));
    worker.send(job);
  });
}

/**
 * Waits until no checkout is pending (the load generator stops at its deadline with requests
 * still in the app: they are paid, or released, moments later), so the checks see the end state.
 */
export async function waitForCheckoutsToSettle(prisma: PrismaClient, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const pending = await prisma.order.count({ where: { status: 'pending' } });
    if (pending === 0 || Date.now() > deadline) return pending;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export interface HotTitleResult {
  load: LoadResult;
  initialStock: number;
  finalStock: number;
  paidOrders: number;
  unitsPaid: number;
  pendingLeft: number;
}

/**
 * A bestseller's launch: HOT_TITLE.buyers connections buying one copy each of one title,
 * HOT_TITLE.copies requests in all, for exactly as many copies. Every request should win,
 * the stock end at 0, and paid units equal the copies.
 */
export async function runHotTitle(
  prisma: PrismaClient,
  target: { baseUrl: string; serviceToken: string },
  fixtures: OrderFixtures,
): Promise<HotTitleResult> {
  // A fresh process compiles and connects on its first requests: warm it on other books first.
  await runOrderLoad({ ...target, connections: 20, amount: 300, userIds: fixtures.userIds, bookIds: fixtures.bookIds });
  await waitForCheckoutsToSettle(prisma);
  await setStock(prisma, [fixtures.hotBookId], HOT_TITLE.copies, 'correction', (stock) => stock !== HOT_TITLE.copies);
  const lastOrder = await prisma.order.aggregate({ _max: { id: true } });
  const load = await runOrderLoad({
    ...target,
    connections: HOT_TITLE.buyers,
    amount: HOT_TITLE.copies,
    userIds: fixtures.userIds,
    bookIds: [fixtures.hotBookId],
    hotBookId: fixtures.hotBookId,
  });
  const pendingLeft = await waitForCheckoutsToSettle(prisma);
  const book = await prisma.book.findUniqueOrThrow({ where: { id: fixtures.hotBookId } });
  const [paid] = await prisma.$queryRaw<{ orders: number; units: number }[]>`
    SELECT count(DISTINCT o.id)::int AS orders, coalesce(sum(oi.quantity), 0)::int AS units
    FROM order_items oi JOIN orders o ON o.id = oi.order_id
    WHERE o.id > ${lastOrder._max.id ?? 0}::int AND oi.book_id = ${fixtures.hotBookId}::int
      AND o.status IN ('paid', 'shipped', 'delivered')`;
  return {
    load,
    initialStock: HOT_TITLE.copies,
    finalStock: book.stock,
    paidOrders: paid?.orders ?? 0,
    unitsPaid: paid?.units ?? 0,
    pendingLeft,
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
        headers: { 'content-type': 'application/json', ...buyerHeaders(userId) },
        body: orderBody(items, `contention-${runId}-${i}`),
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
