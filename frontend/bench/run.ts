/**
 * `npm run bench` (root): the shop as shoppers reach it, through nginx — the home page, a
 * catalog page, a book page, a search, an add to cart — beside a bare Express route that
 * returns a constant, served through the same nginx (a second server block) in the same
 * run. Reports requests/s, p50 and p99 for each. Target: the book page at no less than a
 * third of the bare route's rate.
 *
 * The whole shop runs as `npm start` runs it (test/browser/stack/shop-stack.ts: nginx,
 * frontend, both backends, each a process of its own) on a database and Redis key prefix of
 * its own, removed at the end. The load comes from autocannon in this process, which does
 * nothing else meanwhile. Requests ask for gzip, as browsers do. Scenarios take turns for
 * BENCH_ROUNDS rounds so a load spike elsewhere on the machine hits all; the table shows
 * each scenario's median round, and each ratio is the median of the per-round ratios.
 */
import path from 'node:path';
import autocannon from 'autocannon';
import { createRequire } from 'node:module';
import type { BookSummary, Page } from '@bookstore/common';
import { freePort, waitForReady } from '../test/stack/processes';
import { backendApi } from '../test/stack/fixtures';
import { startProcess } from '../test/browser/stack/processes';
import { startShopStack } from '../test/browser/stack/shop-stack';
import { addToCartRequests, prepareGuestCarts } from './guest-carts';
import { startCpuCount, type Watched } from './cpu-time';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 5);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** The services' log level: production's default, every request one JSON line. */
const LOG_LEVEL = process.env.BENCH_LOG_LEVEL ?? 'info';
const TARGET = 1 / 3;
const BROWSER_HEADERS = { accept: 'text/html,application/xhtml+xml', 'accept-encoding': 'gzip' };

/** The bare route behind the same nginx, proxied exactly like the shop's `location /`. */
const bareServer = (port: number, barePort: number) => (accessLogPath: string) => `
  upstream bench_bare {
    server 127.0.0.1:${barePort};
    keepalive 16;
  }
  server {
    listen ${port};
    access_log ${accessLogPath} bookstore_json;
    location / {
      proxy_pass http://bench_bare;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $host;
      proxy_set_header X-Request-Id $bookstore_request_id;
      proxy_set_header X-Real-IP $remote_addr;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $bookstore_forwarded_proto;
      proxy_hide_header X-Request-Id;
      add_header X-Request-Id $bookstore_request_id always;
    }
  }`;

interface Scenario {
  name: string;
  options: autocannon.Options;
  /** Which answers count as success: pages 2xx, the add to cart its 303. */
  expect: '2xx' | '3xx';
}

interface Measurement {
  rps: number;
  p50: number;
  p99: number;
  /** Connection errors (see measure()). */
  errors: number;
  /** CPU ms per request of each process (PostgreSQL and Redis, shared with others, are not counted). */
  cpu: Record<string, number>;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(scenario: Scenario, warmUp: boolean, watched: Watched[]): Promise<Measurement> {
  const options = { connections: CONNECTIONS, ...scenario.options };
  if (warmUp) await autocannon({ ...options, duration: 1 });
  const cpuPerRequest = startCpuCount(watched);
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  const cpu = cpuPerRequest(result.requests.total);
  const succeeded = result[scenario.expect];
  // nginx closes a kept-alive client connection every 1,000 requests (keepalive_requests):
  // now and then a request races that close. More than one in a thousand is a real problem.
  if (result.errors > result.requests.total / 1000 || result.timeouts > 0 || succeeded !== result.requests.total) {
    throw new Error(
      `${scenario.name}: ${result.requests.total} requests, ${succeeded} ${scenario.expect}, ${result['4xx']} 4xx, ${result['5xx']} 5xx, ` +
        `${result.errors} errors, ${result.timeouts} timeouts`,
    );
  }
  return { rps: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, errors: result.errors, cpu };
}

async function main() {
  const [barePort, bareNginxPort] = await Promise.all([freePort(), freePort()]);
  const tsxLoader = createRequire(__filename).resolve('tsx');
  const bare = startProcess('bench-bare-express', process.execPath, ['--import', tsxLoader, path.join(__dirname, 'bare-app.ts')], {
    env: { ...process.env, PORT: String(barePort) },
  });
  let stack: Awaited<ReturnType<typeof startShopStack>> | undefined;
  try {
    await waitForReady(`http://127.0.0.1:${barePort}/healthz`, bare);
    console.log('starting the shop (database, backends, frontend, nginx)…');
    stack = await startShopStack({ name: 'bench', env: { LOG_LEVEL: LOG_LEVEL }, extraHttp: bareServer(bareNginxPort, barePort) });
    const shop = stack.shopUrl;
    const rds = backendApi(stack.rdsUrl, stack.serviceToken);
    const inStock = (await rds<Page<BookSummary>>('GET', '/books?inStock=true&pageSize=100&sort=title')).items;
    const guests = await prepareGuestCarts(shop, inStock[0]!.slug, 64);
    const page = (name: string, pathAndQuery: string): Scenario => ({ name, options: { url: `${shop}${pathAndQuery}`, headers: BROWSER_HEADERS }, expect: '2xx' });
    const scenarios: Scenario[] = [
      { name: 'bare Express route (constant)', options: { url: `http://127.0.0.1:${bareNginxPort}/`, headers: BROWSER_HEADERS }, expect: '2xx' },
      page('home', '/'),
      page('catalog (page 2, by price)', '/books?sort=price-asc&page=2'),
      page('book page', '/books/pride-and-prejudice'),
      page('search (with a typo)', '/search?q=pride+and+prejudise'),
      {
        name: 'add to cart (guest, POST → 303)',
        options: { url: shop, requests: addToCartRequests(guests, inStock.map((b) => b.id)) },
        expect: '3xx',
      },
    ];
    console.log(
      `\nshop bench through nginx: ${ROUNDS} rounds × ${DURATION_SECONDS}s per scenario, ${CONNECTIONS} connections, ` +
        `services logging at ${LOG_LEVEL}, gzip asked for\n`,
    );
    const watched: Watched[] = [
      ...stack.processes().map((p) => ({ name: p.name.replace(/^bench-/, ''), pid: p.pid })),
      ...(bare.process.pid === undefined ? [] : [{ name: 'bare-express', pid: bare.process.pid }]),
    ];
    const rounds: Measurement[][] = scenarios.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, scenario] of scenarios.entries()) rounds[i]!.push(await measure(scenario, round === 0, watched));
      console.log(`  round ${round + 1}: ${rounds.map((r) => r[round]!.rps.toFixed(0)).join(' / ')} req/s`);
    }
    const ratioToBare = (i: number) => median(rounds[i]!.map((m, round) => m.rps / rounds[0]![round]!.rps));
    console.log(`\n  ${'scenario'.padEnd(34)} ${'req/s'.padStart(7)} ${'p50'.padStart(8)} ${'p99'.padStart(8)}  of bare  errors`);
    for (const [i, scenario] of scenarios.entries()) {
      const m = (key: 'rps' | 'p50' | 'p99') => median(rounds[i]!.map((r) => r[key]));
      const errors = rounds[i]!.reduce((sum, r) => sum + r.errors, 0);
      console.log(
        `  ${scenario.name.padEnd(34)} ${m('rps').toFixed(0).padStart(7)} ${`${m('p50')} ms`.padStart(8)} ${`${m('p99')} ms`.padStart(8)}  ${`${(ratioToBare(i) * 100).toFixed(1)}%`.padStart(7)}  ${String(errors).padStart(6)}`,
      );
    }
    console.log(`\n  CPU ms per request (median round; PostgreSQL and Redis themselves not counted)`);
    const names = watched.map((w) => w.name);
    console.log(`  ${'scenario'.padEnd(34)} ${names.map((n) => n.padStart(14)).join('')} ${'total'.padStart(8)}  2-core ceiling`);
    for (const [i, scenario] of scenarios.entries()) {
      const perProcess = names.map((n) => median(rounds[i]!.map((r) => r.cpu[n] ?? 0)));
      const total = perProcess.reduce((a, b) => a + b, 0);
      console.log(
        `  ${scenario.name.padEnd(34)} ${perProcess.map((ms) => ms.toFixed(2).padStart(14)).join('')} ${total.toFixed(2).padStart(8)}  ${total > 0 ? `${(2000 / total).toFixed(0)} req/s` : '-'}`,
      );
    }
    const bookRatio = ratioToBare(scenarios.findIndex((s) => s.name === 'book page'));
    const met = bookRatio >= TARGET;
    console.log(`\nbook page / bare route = ${(bookRatio * 100).toFixed(0)}% (target ≥ ${(TARGET * 100).toFixed(0)}%): ${met ? 'pass' : 'miss'}`);
    process.exitCode = met ? 0 : 1;
  } finally {
    await stack?.stop();
    await bare.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
