import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import supertest from 'supertest';
import { createClient } from 'redis';
import { createApp } from '../src/app';
import { createRedis, type RedisConnection } from '../src/redis/client';
import { KeyBuilder } from '../src/redis/keys';
import { defaultSettings, testLogger, TEST_SERVICE_TOKEN } from './app';
import { keySlot } from './key-slot';
import { RedisServerProcess, freePort, waitFor } from './redis-server';

/**
 * The same code on a real three-shard Redis Cluster (throwaway redis-servers on ports of their
 * own): every multi-key script must find its keys in one slot, or the cluster refuses it
 * with CROSSSLOT.
 */
const run = promisify(execFile);
const REDIS_CLI = process.env.REDIS_CLI_BINARY ?? '/usr/bin/redis-cli';

const nodes: RedisServerProcess[] = [];
let connection: RedisConnection;
let api: () => ReturnType<typeof supertest.agent>;
let anonymous: ReturnType<typeof supertest>;
const keys = new KeyBuilder('cluster-test:');

beforeAll(async () => {
  for (let i = 0; i < 3; i++) {
    const node = new RedisServerProcess(await freePort(), [
      '--cluster-enabled', 'yes',
      '--cluster-config-file', 'nodes.conf',
      '--cluster-node-timeout', '2000',
    ]);
    await node.start();
    nodes.push(node);
  }
  await run(REDIS_CLI, [
    '--cluster', 'create', ...nodes.map((n) => `127.0.0.1:${n.port}`),
    '--cluster-replicas', '0', '--cluster-yes',
  ]);
  await waitFor(async () => {
    const infos = await Promise.all(nodes.map((n) => run(REDIS_CLI, ['-p', String(n.port), 'cluster', 'info'])));
    return infos.every(({ stdout }) => stdout.includes('cluster_state:ok'));
  }, 'the cluster to be ready');

  connection = createRedis({
    url: nodes[0]!.url,
    cluster: true,
    clusterNodes: nodes.map((n) => n.url),
    commandTimeoutMs: 1000,
    connectTimeoutMs: 1000,
    reconnectMaxDelayMs: 200,
    logger: testLogger(),
  });
  await connection.connect();
  const app = createApp({
    redis: connection.redis,
    keys,
    logger: testLogger(),
    serviceToken: TEST_SERVICE_TOKEN,
    settings: { ...defaultSettings(), rateLimits: { burst: { limit: 10, windowMs: 60_000 } } },
    clock: () => new Date(),
  });
  api = () => supertest.agent(app).set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`);
  anonymous = supertest(app);
}, 30_000);

afterAll(async () => {
  await connection?.close();
  for (const node of nodes) await node.dispose();
});

test('our slot calculation agrees with CLUSTER KEYSLOT', async () => {
  const client = createClient({ url: nodes[0]!.url });
  await client.connect();
  try {
    const sample = [
      keys.session(randomBytes(32).toString('base64url')),
      keys.userCart(42),
      keys.guestCart(randomBytes(32).toString('base64url')),
      keys.bestsellersDay('2030-01-01'),
      keys.cacheEntry('catalog', 'books?page=2'),
      keys.rateLimit('sign-in', 'reader@example.com'),
    ];
    for (const key of sample) {
      expect(Number(await client.sendCommand(['CLUSTER', 'KEYSLOT', key]))).toBe(keySlot(key));
    }
  } finally {
    await client.close();
  }
});

test('/test_connection reaches the cluster', async () => {
  const res = await anonymous.get('/test_connection').expect(200);
  expect(res.body.message).toBe('Connection to Backend Redis is successful!');
});

test('sessions: create, read, rotate', async () => {
  const created = await api().post('/sessions').send({ data: { n: 1 } }).expect(201);
  await api().get(`/sessions/${created.body.sessionId}`).expect(200);
  const rotated = await api().post(`/sessions/${created.body.sessionId}/rotate`).expect(201);
  await api().get(`/sessions/${created.body.sessionId}`).expect(404);
  await api().get(`/sessions/${rotated.body.sessionId}`).expect(200);
});

test('a guest cart merges into a user cart in another slot, exactly once', async () => {
  const guestSessionId = randomBytes(32).toString('base64url');
  const userId = 4242;
  expect(keySlot(keys.guestCart(guestSessionId))).not.toBe(keySlot(keys.userCart(userId)));
  await api().post(`/carts/guest/${guestSessionId}/items`).send({ bookId: 1, quantity: 2 }).expect(200);
  await api().post(`/carts/user/${userId}/items`).send({ bookId: 1, quantity: 1 }).expect(200);
  const results = await Promise.all(
    Array.from({ length: 10 }, () => api().post(`/carts/user/${userId}/merge`).send({ guestSessionId })),
  );
  expect(results.every((r) => r.status === 200)).toBe(true);
  expect(results.filter((r) => r.body.merged)).toHaveLength(1);
  expect((await api().get(`/carts/user/${userId}`).expect(200)).body.items).toEqual([{ bookId: 1, quantity: 3 }]);
});

test('bestsellers: idempotent recording and the 7-day union', async () => {
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      api().post('/bestsellers/orders').send({ orderId: 77, items: [{ bookId: 5, quantity: 2 }] }),
    ),
  );
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  const top = await api().get('/bestsellers?window=7d').expect(200);
  expect(top.body.items).toEqual([{ bookId: 5, unitsSold: 2 }]);
});

test('rate limit: exactly 10 of 100 concurrent hits', async () => {
  const results = await Promise.all(Array.from({ length: 100 }, () => api().post('/rate-limits/burst/k/hit')));
  expect(results.filter((r) => r.body.allowed)).toHaveLength(10);
});

test('cache and recently viewed', async () => {
  await api().put('/cache/catalog/entries/home').send({ value: { ok: true }, ttlMs: 60_000 }).expect(200);
  await api().get('/cache/catalog/entries/home').expect(200);
  await api().post('/cache/catalog/invalidate').expect(200);
  await api().get('/cache/catalog/entries/home').expect(404);
  await api().post('/recently-viewed/9').send({ bookId: 3 }).expect(200);
  expect((await api().get('/recently-viewed/9').expect(200)).body.bookIds).toEqual([3]);
});
