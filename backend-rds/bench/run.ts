// `npm run bench -w backend-rds`: search latency and checkout throughput of the real app
// against PostgreSQL, with the correctness check that matters most (no oversold books).
// The app runs as the real server (src/server.ts) in a process of its own, and the order
// load generator in another: each figure is measured through HTTP.
// Uses its own database, bookstore_bench, kept between runs (the first run seeds 100k
// synthetic books, about a minute). It reports; it does not gate: exit 0 on a missed
// target, 1 only on a real error such as an oversold book.
import { randomBytes } from 'node:crypto';
import { startServerProcess, type ServerProcess } from '../test/server-process';
import { prepareBenchDatabase } from './bench-database';
import { APP_POOL_SIZE, ORDER_TARGETS, runOrderBenchmarks } from './order-bench';
import { formatMs } from './percentiles';
import {
  describeSearchSql,
  formatTypoHitRates,
  measureSearch,
  measureSearchSql,
  measureSuggest,
  measureTypoHitRates,
  routeExists,
  type EndpointLatency,
  type Fetcher,
} from './search-latency';

const TARGETS = { searchP95Ms: 20, ordersPerSecond: ORDER_TARGETS.ordersPerSecond };
const TIME_LIMIT_MS = 5 * 60_000;
/** `npm run bench -w backend-rds -- --only search`: the search figures alone. */
const ONLY_SEARCH = /--only[= ]search\b/.test(process.argv.slice(2).join(' '));

const log = (line: string) => console.log(`[bench] ${line}`);

interface Row {
  target: string;
  result: string;
  verdict: 'PASS' | 'MISS' | 'FAIL' | 'SKIPPED';
}

function printTable(rows: Row[]): void {
  const widths = [48, 44, 7];
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

async function main(): Promise<number> {
  const prepared = await prepareBenchDatabase(log);
  log(`${prepared.books} books in the catalog; setup took ${prepared.setupSeconds.toFixed(1)} s`);

  const serviceToken = randomBytes(24).toString('hex');
  const apps: ServerProcess[] = [];
  const startApp = async (env: Record<string, string> = {}) => {
    const app = await startServerProcess({
      DATABASE_URL: prepared.url,
      DATABASE_POOL_SIZE: String(APP_POOL_SIZE),
      SERVICE_TOKEN: serviceToken,
      // Errors only: every 409 of the contention case is a warning.
      LOG_LEVEL: 'error',
      ...env,
    });
    apps.push(app);
    return app;
  };
  const app = await startApp();
  const baseUrl = app.url;
  const fetcher: Fetcher = (pathAndQuery, init) =>
    fetch(baseUrl + pathAndQuery, {
      ...init,
      headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${serviceToken}` },
    });
  log(`app (src/server.ts) in process ${app.pid}, listening on ${baseUrl} (pool ${APP_POOL_SIZE}, log level error)`);

  try {
    let search: EndpointLatency | undefined;
    if (await routeExists(fetcher, '/search?q=dune')) {
      log('search latency: warm-up, then 1,000 sequential GET /search and 500 GET /search/suggest');
      search = await measureSearch(fetcher);
      printLatency(search);
      console.log(describeSearchSql(await measureSearchSql(prepared.url)));
      if (await routeExists(fetcher, '/search/suggest?q=du')) printLatency(await measureSuggest(fetcher));
      log('typo probes: the real titles misspelt once, among every book (top 3 per query)');
      for (const line of formatTypoHitRates(await measureTypoHitRates(fetcher))) console.log(`  ${line}`);
    } else {
      log('GET /search is not implemented yet: skipping search latency');
    }

    let orderRows: Row[] = [];
    if (ONLY_SEARCH) {
      log('--only search: skipping the order benchmarks');
    } else if (await routeExists(fetcher, '/orders/1')) {
      orderRows = await runOrderBenchmarks({
        prisma: prepared.prisma,
        databaseUrl: prepared.url,
        serviceToken,
        app,
        fetcher,
        startApp,
        log,
      });
    } else {
      log('POST /orders is not implemented yet: skipping the order benchmarks');
    }

    const rows = [...searchRows(search), ...orderRows];
    printTable(rows);
    console.log(
      '\n(app, order load generator and PostgreSQL each in a process of their own, sharing the machine\'s cores;' +
        ' search requests come from this process)',
    );
    return rows.some((r) => r.verdict === 'FAIL') ? 1 : 0;
  } finally {
    await Promise.all(apps.map((started) => started.stop()));
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
