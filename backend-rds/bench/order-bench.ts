import type { PrismaClient } from '../src/db/client';
import type { ServerProcess } from '../test/server-process';
import { findPgbench, measureCheckoutSql, type SqlRate } from './checkout-sql-rate';
import {
  HOT_TITLE,
  checkForOversells,
  prepareOrderFixtures,
  runContention,
  runHotTitle,
  runOrderLoad,
  setStock,
  snapshotStock,
  waitForCheckoutsToSettle,
  type OrderFixtures,
} from './order-throughput';
import { formatMs } from './percentiles';
import type { LoadResult } from './order-load-worker';
import type { Fetcher } from './search-latency';

export const ORDER_TARGETS = { ordersPerSecond: 300, hotTitleOrdersPerSecond: 100, ofSqlRate: 0.5 };
const LOAD = { connections: 32, durationSeconds: 15 };
/** The provider latency of the hot-title case, as a real provider's. */
const HOT_TITLE_LATENCY_MS = 200;
const SQL_SECONDS = 10;
/** pgbench gets the connections the app may hold (its DATABASE_POOL_SIZE): the same concurrency at the database. */
export const APP_POOL_SIZE = 20;

export interface BenchRow {
  target: string;
  result: string;
  verdict: 'PASS' | 'MISS' | 'FAIL' | 'SKIPPED';
}

export interface OrderBenchContext {
  prisma: PrismaClient;
  databaseUrl: string;
  serviceToken: string;
  /** The app as started for the general case (provider latency 0). */
  app: ServerProcess;
  fetcher: Fetcher;
  /** Starts another app process with these settings on top. */
  startApp(env: Record<string, string>): Promise<ServerProcess>;
  log(line: string): void;
}

function printLoad(load: LoadResult): void {
  const { p50, p95, p99, max } = load.latency;
  console.log(`  status codes: ${JSON.stringify(load.statusCounts)}, connection errors: ${load.connectionErrors}`);
  console.log(`  latency: p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, p99 ${formatMs(p99)}, max ${formatMs(max)}`);
}

async function sqlRate(
  context: OrderBenchContext,
  fixtures: OrderFixtures,
  hotBookId?: number,
): Promise<SqlRate | undefined> {
  const pgbench = findPgbench();
  if (!pgbench) {
    context.log('pgbench not found: skipping the SQL-only rate');
    return undefined;
  }
  const rate = await measureCheckoutSql({
    pgbench,
    databaseUrl: context.databaseUrl,
    clients: APP_POOL_SIZE,
    durationSeconds: SQL_SECONDS,
    userIds: fixtures.userIds,
    bookIds: fixtures.bookIds,
    hotBookId,
  });
  console.log(
    `  pgbench, the checkout's 5 statements, ${rate.clients} connections: ${rate.ordersPerSecond.toFixed(0)} orders/s` +
      (rate.failedTransactions ? `, ${rate.failedTransactions} failed` : ''),
  );
  return rate;
}

function ratioRow(label: string, appRate: number, sql: SqlRate | undefined): BenchRow {
  const target = `${label}: app >= ${ORDER_TARGETS.ofSqlRate * 100} % of SQL-only rate`;
  if (!sql) return { target, result: 'pgbench not found', verdict: 'SKIPPED' };
  const ratio = appRate / sql.ordersPerSecond;
  return {
    target,
    result: `${appRate.toFixed(0)} / ${sql.ordersPerSecond.toFixed(0)} orders/s = ${(ratio * 100).toFixed(0)} %`,
    verdict: ratio >= ORDER_TARGETS.ofSqlRate ? 'PASS' : 'MISS',
  };
}

/**
 * The order benchmarks, app and load generator each in a process of their own:
 * 1. general: many buyers and books, provider latency 0, beside pgbench on the same statements;
 * 2. contention: 100 buyers for 20 copies, exactly 20 win;
 * 3. hot title: 200 buyers of one title with 1,000 copies, provider latency 200 ms, beside
 *    pgbench on the same statements for that one title.
 */
export async function runOrderBenchmarks(context: OrderBenchContext): Promise<BenchRow[]> {
  const { prisma, log } = context;
  const fixtures = await prepareOrderFixtures(prisma);
  const target = { baseUrl: context.app.url, serviceToken: context.serviceToken };

  log(`orders, general case: the checkout's SQL alone through pgbench for ${SQL_SECONDS} s`);
  const generalSql = await sqlRate(context, fixtures);
  await setStock(prisma, fixtures.bookIds, 5_000, 'restock', (stock) => stock < 5_000);

  log(`orders, general case: ${fixtures.userIds.length} buyers, ${fixtures.bookIds.length} books, ${LOAD.connections} connections for ${LOAD.durationSeconds} s`);
  const before = await snapshotStock(prisma);
  const load = await runOrderLoad({ ...target, ...LOAD, userIds: fixtures.userIds, bookIds: fixtures.bookIds });
  const stillPending = await waitForCheckoutsToSettle(prisma);
  printLoad(load);
  const oversells = await checkForOversells(prisma, before);
  console.log(
    `  ledger: ${oversells.paidOrders} paid orders, ${oversells.unitsPaid} units ` +
      `(${load.succeeded} 2xx answers; orders still in flight at the deadline are paid but uncounted)` +
      (stillPending ? `, ${stillPending} STILL PENDING` : ''),
  );
  for (const m of oversells.mismatches.slice(0, 10)) {
    console.error(`  OVERSELL? book ${m.bookId}: stock fell by ${m.stockDrop}, paid units ${m.unitsPaid}`);
  }

  log('contention: 100 concurrent orders for one book with stock 20');
  const contention = await runContention(prisma, context.fetcher, fixtures);
  console.log(`  status codes: ${JSON.stringify(contention.statusCounts)}`);

  log(`hot title: the checkout's SQL alone for one title through pgbench for ${SQL_SECONDS} s`);
  // Enough copies that pgbench never runs out: it measures orders, not refusals.
  await setStock(prisma, [fixtures.hotBookId], 10_000_000, 'correction', () => true);
  const hotSql = await sqlRate(context, fixtures, fixtures.hotBookId);
  log(`hot title: ${HOT_TITLE.buyers} buyers, ${HOT_TITLE.copies} copies, provider latency ${HOT_TITLE_LATENCY_MS} ms (a new app process)`);
  const slowApp = await context.startApp({ PAYMENT_SANDBOX_LATENCY_MS: String(HOT_TITLE_LATENCY_MS) });
  let hot;
  try {
    hot = await runHotTitle(prisma, { baseUrl: slowApp.url, serviceToken: context.serviceToken }, fixtures);
  } finally {
    await slowApp.stop();
  }
  printLoad(hot.load);
  console.log(`  ${hot.paidOrders} paid orders, ${hot.unitsPaid} units, stock now ${hot.finalStock}`);

  const oversold = oversells.mismatches.length > 0 || oversells.negativeStock > 0 || stillPending > 0;
  const contentionOversold = contention.succeeded > contention.initialStock || contention.finalStock < 0;
  const hotOversold = hot.unitsPaid + hot.finalStock !== hot.initialStock || hot.finalStock < 0 || hot.pendingLeft > 0;
  return [
    {
      target: `>= ${ORDER_TARGETS.ordersPerSecond} orders/s (${LOAD.connections} connections)`,
      result: `${load.ordersPerSecond.toFixed(0)} orders/s (${load.succeeded} in ${load.durationSeconds.toFixed(1)} s)`,
      verdict: load.ordersPerSecond >= ORDER_TARGETS.ordersPerSecond ? 'PASS' : 'MISS',
    },
    ratioRow('general', load.ordersPerSecond, generalSql),
    {
      target: 'zero oversells under load',
      result: `${oversells.mismatches.length} mismatched of ${oversells.booksChecked} books, ${oversells.negativeStock} negative`,
      verdict: oversold ? 'FAIL' : 'PASS',
    },
    {
      target: `contention: ${contention.initialStock} of ${contention.buyers} buyers win`,
      result: `${contention.succeeded} won, stock now ${contention.finalStock}, ${contention.unitsPaid} units paid`,
      verdict: contentionOversold
        ? 'FAIL'
        : contention.succeeded === contention.initialStock && contention.finalStock === 0
          ? 'PASS'
          : 'MISS',
    },
    {
      target: `hot title >= ${ORDER_TARGETS.hotTitleOrdersPerSecond} orders/s (${HOT_TITLE_LATENCY_MS} ms provider)`,
      result: `${hot.load.ordersPerSecond.toFixed(0)} orders/s (${hot.load.succeeded} in ${hot.load.durationSeconds.toFixed(1)} s)`,
      verdict: hot.load.ordersPerSecond >= ORDER_TARGETS.hotTitleOrdersPerSecond ? 'PASS' : 'MISS',
    },
    ratioRow('hot title', hot.load.ordersPerSecond, hotSql),
    {
      target: `hot title: ${hot.initialStock} copies, none oversold`,
      result: `${hot.unitsPaid} units paid, stock now ${hot.finalStock}, ${hot.pendingLeft} pending`,
      verdict: hotOversold ? 'FAIL' : hot.unitsPaid === hot.initialStock ? 'PASS' : 'MISS',
    },
  ];
}
