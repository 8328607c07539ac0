/**
 * `npm run bench -w backend-redis`: requests per second and p99 latency for a session read, a
 * cart update and a cache hit, next to a bare Express route returning a constant, measured in
 * the same run. Target: a cache hit at no less than half the bare route's rate.
 *
 * Other work on a shared machine makes single runs noisy, so the scenarios take turns for
 * BENCH_ROUNDS rounds and the table shows each scenario's median round.
 *
 * The service runs in this process, with its production middleware (request ids, service
 * token, JSON errors) and logging at BENCH_LOG_LEVEL (default silent: the measurement is the
 * service, not the terminal). The load comes from an autocannon worker thread, so client and
 * server do not share an event loop. Keys live under a prefix of their own, deleted at the end.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import express from 'express';
import { createClient } from 'redis';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';
import { readConfig, settingsFrom } from '../src/config';
import { createRedis } from '../src/redis/client';
import { KeyBuilder } from '../src/redis/keys';

const DURATION_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 4);
/** Scenarios take turns, round after round, so a load spike elsewhere on the machine hits all. */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const TOKEN = 'bench-service-token-0123456789abcdef';

function listen(app: express.Express): Promise<Server> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve(server));
  });
}
const urlOf = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

async function deleteKeysUnder(url: string, prefix: string): Promise<void> {
  const admin = createClient({ url });
  await admin.connect();
  for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (batch.length > 0) await admin.unlink(batch);
  }
  await admin.close();
}

interface Scenario {
  name: string;
  url: string;
  method?: 'GET' | 'PUT';
  body?: unknown;
}

interface Measurement {
  rps: number;
  p99: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function measure(scenario: Scenario, warmUp: boolean): Promise<Measurement> {
  const options = {
    url: scenario.url,
    method: scenario.method ?? 'GET',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: scenario.body === undefined ? undefined : JSON.stringify(scenario.body),
    connections: CONNECTIONS,
    workers: 1,
  };
  if (warmUp) await autocannon({ ...options, duration: 1 }); // JIT, connections, script cache
  const result = await autocannon({ ...options, duration: DURATION_SECONDS });
  if (result.errors > 0 || result.non2xx > 0 || result.timeouts > 0) {
    throw new Error(`${scenario.name}: ${result.errors} errors, ${result.non2xx} non-2xx, ${result.timeouts} timeouts`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function main() {
  const config = readConfig();
  const logger = createLogger('backend-redis-bench', process.env.BENCH_LOG_LEVEL ?? 'silent');
  const keys = new KeyBuilder(`bench:${randomBytes(4).toString('hex')}:`);
  const connection = createRedis({
    url: config.REDIS_URL,
    username: config.REDIS_USERNAME,
    password: config.REDIS_PASSWORD,
    cluster: false,
    clusterNodes: [],
    tlsCaPath: config.REDIS_TLS_CA_PATH,
    commandTimeoutMs: config.REDIS_COMMAND_TIMEOUT_MS,
    connectTimeoutMs: config.REDIS_CONNECT_TIMEOUT_MS,
    reconnectMaxDelayMs: config.REDIS_RECONNECT_MAX_DELAY_MS,
    logger,
  });
  await connection.connect();

  const bare = express();
  bare.get('/constant', (_req, res) => {
    res.json({ status: 'ok' });
  });
  const service = createApp({
    redis: connection.redis,
    keys,
    logger,
    serviceToken: TOKEN,
    settings: settingsFrom(config),
    clock: () => new Date(),
  });
  const [bareServer, serviceServer] = await Promise.all([listen(bare), listen(service)]);
  const base = urlOf(serviceServer);

  try {
    const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
    const session = await fetch(`${base}/sessions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ data: { userId: 1, csrfToken: randomBytes(16).toString('hex') } }),
    }).then((r) => r.json() as Promise<{ sessionId: string }>);
    const catalogPage = {
      books: Array.from({ length: 20 }, (_, i) => ({ id: i + 1, title: `Book ${i + 1}`, priceCents: 1000 + i })),
      page: 1,
      total: 20,
    };
    await fetch(`${base}/cache/catalog/entries/home`, {
      method: 'PUT',
      headers: auth,
      body: JSON.stringify({ value: catalogPage, ttlMs: 600_000 }),
    });

    const scenarios: Scenario[] = [
      { name: 'bare Express route (constant)', url: `${urlOf(bareServer)}/constant` },
      { name: 'session read', url: `${base}/sessions/${session.sessionId}` },
      { name: 'cart update (set quantity)', url: `${base}/carts/user/1/items/7`, method: 'PUT', body: { quantity: 2 } },
      { name: 'cache hit (20-book page)', url: `${base}/cache/catalog/entries/home` },
    ];
    console.log(
      `backend-redis bench: ${ROUNDS} rounds × ${DURATION_SECONDS}s per scenario, ${CONNECTIONS} connections, ` +
        `Redis ${config.REDIS_URL}\n`,
    );
    const rounds: Measurement[][] = scenarios.map(() => []);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [i, scenario] of scenarios.entries()) rounds[i]!.push(await measure(scenario, round === 0));
      console.log(`  round ${round + 1}: ${rounds.map((r) => r[round]!.rps.toFixed(0)).join(' / ')} req/s`);
    }
    console.log(`\n  ${'scenario'.padEnd(32)} ${'req/s'.padStart(8)}   ${'p99'.padStart(7)}`);
    for (const [i, scenario] of scenarios.entries()) {
      const rps = median(rounds[i]!.map((m) => m.rps));
      const p99 = median(rounds[i]!.map((m) => m.p99));
      console.log(`  ${scenario.name.padEnd(32)} ${rps.toFixed(0).padStart(8)}   ${String(p99).padStart(4)} ms`);
    }
    // Per round, cache hit against the bare route measured moments before it.
    const ratio = median(rounds[3]!.map((m, round) => m.rps / rounds[0]![round]!.rps));
    const met = ratio >= 0.5;
    console.log(
      `\ncache hit / bare route (median of rounds) = ${(ratio * 100).toFixed(0)}% (target ≥ 50%): ${met ? 'MET' : 'NOT MET'}`,
    );
    process.exitCode = met ? 0 : 1;
  } finally {
    await Promise.all([bareServer, serviceServer].map((s) => new Promise((r) => s.close(r))));
    await connection.close();
    await deleteKeysUnder(config.REDIS_URL, keys.prefix);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
