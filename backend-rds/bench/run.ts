// `npm run bench -w backend-rds`: search latency and checkout throughput of the real app
// against PostgreSQL, with the correctness check that matters most (no oversold books).
// Uses its own database, bookstore_bench, kept between runs (the first run seeds 100k
// synthetic books, about a minute). It reports; it does not gate: exit 0 on a missed
// target, 1 only on a real error such as an oversold book.
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';
import { readConfig } from '../src/config';
import { createDatabase } from '../src/db/client';
import { TestPaymentProvider } from '../src/payments/test-provider';
import { prepareBenchDatabase } from './bench-database';
import {
  checkForOversells,
  prepareOrderFixtures,
  runContention,
  runOrderLoad,
  snapshotStock,
  type ContentionResult,
  type LoadResult,
  type OversellCheck,
} from './order-throughput';
import { formatMs } from './percentiles';
import { measureSearch, measureSuggest, routeExists, type EndpointLatency, type Fetcher } from './search-latency';

const TARGETS = { searchP95Ms: 20, ordersPerSecond: 300 };
const LOAD = { connections: 32, durationSeconds: 15 };
const TIME_LIMIT_MS = 5 * 60_000;

const log = (line: string) => console.log(`[bench] ${line}`);

interface Row {
  target: string;
  result: string;
  verdict: 'PASS' | 'MISS' | 'FAIL' | 'SKIPPED';
}

function printTable(rows: Row[]): void {
  const widths = [34, 40, 7];
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ');
  console.log(`\n${line(['target', 'result', 'verdict'])}`);
  console.log(widths.map((w) => '-'.repeat(w)).join('-+-'));
  for (const row of rows) console.log(line([row.target, row.result, row.verdict]));
}

function printLatency(e: EndpointLatency): void {
  const { p50, p95, p99, max } = e.latency;
  console.log(
    `  ${e.path.padEnd(16)} ${e.requests} sequential requests, ${e.errors} non-200: ` +
      `p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, p99 ${formatMs(p99)}, max ${formatMs(max)}`,
  );
}

function searchRows(search: EndpointLatency | undefined): Row[] {
  if (!search) return [{ target: `search p95 < ${TARGETS.searchP95Ms} ms`, result: 'GET /search not implemented', verdict: 'SKIPPED' }];
  const ok = search.latency.p95 < TARGETS.searchP95Ms && search.errors === 0;
  const errors = search.errors ? `, ${search.errors} errors` : '';
  return [{ target: `search p95 < ${TARGETS.searchP95Ms} ms`, result: `p95 ${formatMs(search.latency.p95)}${errors}`, verdict: ok ? 'PASS' : 'MISS' }];
}

function orderRows(load?: LoadResult, oversells?: OversellCheck, contention?: ContentionResult): Row[] {
  if (!load || !oversells || !contention) {
    return [{ target: `>= ${TARGETS.ordersPerSecond} orders/s`, result: 'POST /orders not implemented', verdict: 'SKIPPED' }];
  }
  const oversold = oversells.mismatches.length > 0 || oversells.negativeStock > 0;
  const contentionOversold = contention.succeeded > contention.initialStock || contention.finalStock < 0;
  return [
    {
      target: `>= ${TARGETS.ordersPerSecond} orders/s (${LOAD.connections} connections)`,
      result: `${load.ordersPerSecond.toFixed(0)} orders/s (${load.succeeded} in ${load.durationSeconds.toFixed(1)} s)`,
      verdict: load.ordersPerSecond >= TARGETS.ordersPerSecond ? 'PASS' : 'MISS',
    },
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
  ];
}

async function main(): Promise<number> {
  const prepared = await prepareBenchDatabase(log);
  log(`${prepared.books} books in the catalog; setup took ${prepared.setupSeconds.toFixed(1)} s`);

  const serviceToken = randomBytes(24).toString('hex');
  const defaults = readConfig({ DATABASE_POOL_SIZE: '20' });
  const db = createDatabase({ url: prepared.url, poolSize: defaults.DATABASE_POOL_SIZE });
  const app = createApp({
    db,
    payments: new TestPaymentProvider(),
    logger: createLogger('backend-rds-bench', 'silent'),
    serviceToken,
    clock: () => new Date(),
    orderTransactionTimeoutMs: defaults.ORDER_TRANSACTION_TIMEOUT_MS,
    orderConcurrency: defaults.ORDER_CONCURRENCY,
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  // autocannon stops at its deadline with requests still in the app; the checks wait for them.
  let requestsInFlight = 0;
  server.on('request', (_req, res) => {
    requestsInFlight += 1;
    res.once('close', () => (requestsInFlight -= 1));
  });
  const drained = async () => {
    for (let waited = 0; requestsInFlight > 0 && waited < 30_000; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const fetcher: Fetcher = (pathAndQuery, init) =>
    fetch(baseUrl + pathAndQuery, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${serviceToken}` },
    });
  log(`app listening on ${baseUrl} (pool 20, logger silent)`);

  try {
    let search: EndpointLatency | undefined;
    if (await routeExists(fetcher, '/search?q=dune')) {
      log('search latency: warm-up, then 1,000 sequential GET /search and 500 GET /search/suggest');
      search = await measureSearch(fetcher);
      printLatency(search);
      if (await routeExists(fetcher, '/search/suggest?q=du')) printLatency(await measureSuggest(fetcher));
    } else {
      log('GET /search is not implemented yet: skipping search latency');
    }

    let load: LoadResult | undefined;
    let oversells: OversellCheck | undefined;
    let contention: ContentionResult | undefined;
    if (await routeExists(fetcher, '/orders/1')) {
      const fixtures = await prepareOrderFixtures(prepared.prisma);
      log(`orders: ${fixtures.userIds.length} buyers, ${fixtures.bookIds.length} books, ${LOAD.connections} connections for ${LOAD.durationSeconds} s`);
      const before = await snapshotStock(prepared.prisma);
      load = await runOrderLoad(baseUrl, serviceToken, fixtures, LOAD);
      await drained();
      const { p50, p95, p99, max } = load.latency;
      console.log(`  status codes: ${JSON.stringify(load.statusCounts)}, connection errors: ${load.connectionErrors}`);
      console.log(`  latency: p50 ${formatMs(p50)}, p95 ${formatMs(p95)}, p99 ${formatMs(p99)}, max ${formatMs(max)}`);
      oversells = await checkForOversells(prepared.prisma, before);
      console.log(
        `  ledger: ${oversells.paidOrders} paid orders, ${oversells.unitsPaid} units ` +
          `(${load.succeeded} 2xx answers; orders still in flight at the deadline are paid but uncounted)`,
      );
      for (const m of oversells.mismatches.slice(0, 10)) {
        console.error(`  OVERSELL? book ${m.bookId}: stock fell by ${m.stockDrop}, paid units ${m.unitsPaid}`);
      }
      log('contention: 100 concurrent orders for one book with stock 20');
      contention = await runContention(prepared.prisma, fetcher, fixtures);
      console.log(`  status codes: ${JSON.stringify(contention.statusCounts)}`);
    } else {
      log('POST /orders is not implemented yet: skipping the order benchmarks');
    }

    const rows = [...searchRows(search), ...orderRows(load, oversells, contention)];
    printTable(rows);
    console.log('\n(app and load generator share this process and the machine\'s cores with PostgreSQL)');
    return rows.some((r) => r.verdict === 'FAIL') ? 1 : 0;
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await db.disconnect();
    await prepared.prisma.$disconnect();
  }
}

// Bounded by design: a run that hangs is an error, not a slow result.
setTimeout(() => {
  console.error(`[bench] gave up after ${TIME_LIMIT_MS / 60_000} minutes`);
  process.exit(1);
}, TIME_LIMIT_MS).unref();

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error('[bench] failed:', err instanceof Error ? err.stack ?? err.message : err);
    process.exit(1);
  },
);
