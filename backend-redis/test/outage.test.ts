import { buildTestApp, type TestApp } from './app';
import { RedisServerProcess, freePort, waitFor } from './redis-server';

const COMMAND_TIMEOUT_MS = 500;

let redisServer: RedisServerProcess;
let t: TestApp;

beforeAll(async () => {
  redisServer = new RedisServerProcess(await freePort());
  await redisServer.start();
  t = await buildTestApp({ redisUrl: redisServer.url, commandTimeoutMs: COMMAND_TIMEOUT_MS });
});
afterAll(async () => {
  await t.close();
  await redisServer.dispose();
});

/** The answer and how long it took: the point is that no request hangs while Redis is away. */
async function timed<T>(request: PromiseLike<T>): Promise<[T, number]> {
  const started = Date.now();
  const res = await request;
  return [res, Date.now() - started];
}

// A hang guard, not a performance check: generous next to the 500 ms command timeout.
const NO_HANG_MS = COMMAND_TIMEOUT_MS * 4;

function expectUnavailable(res: { status: number; body: { error?: { code: string } }; headers: Record<string, string> }) {
  expect(res.status).toBe(503);
  expect(res.body.error?.code).toBe('redis_unavailable');
  expect(res.headers['retry-after']).toBe('1');
}

test('Redis pauses, dies and comes back: 503s within the timeout, then recovery without a restart', async () => {
  const created = await t.api().post('/sessions').send({ data: { step: 'before' } }).expect(201);
  const { sessionId } = created.body;
  await t.anonymous.get('/readyz').expect(200);

  // 1. Redis hangs (connection open, no answers): the command timeout turns it into a 503.
  redisServer.pause();
  const [hung, hungMs] = await timed(t.api().get(`/sessions/${sessionId}`));
  expectUnavailable(hung);
  expect(hungMs).toBeLessThan(NO_HANG_MS);
  const [notReady] = await timed(t.anonymous.get('/readyz'));
  expect(notReady.status).toBe(503);
  expect(notReady.body.status).toBe('not_ready');
  redisServer.resume();
  await waitFor(async () => (await t.anonymous.get('/readyz')).status === 200, 'ready after the pause');
  await t.api().get(`/sessions/${sessionId}`).expect(200);

  // 2. Redis dies: the connection drops, every Redis-backed route fails fast with a 503.
  await redisServer.kill();
  const requests = [
    t.api().get(`/sessions/${sessionId}`),
    t.api().post('/carts/user/1/items').send({ bookId: 1, quantity: 1 }),
    t.api().get('/cache/catalog/entries/home'),
    t.api().post('/bestsellers/orders').send({ orderId: 1, items: [{ bookId: 1, quantity: 1 }] }),
    t.api().post('/rate-limits/sign-in/someone/hit'),
    t.api().get('/recently-viewed/1'),
  ];
  for (const request of requests) {
    const [res, ms] = await timed(request);
    expectUnavailable(res);
    expect(ms).toBeLessThan(NO_HANG_MS);
  }
  const notReadyAfterKill = await t.anonymous.get('/readyz').expect(503);
  // A plain reason: the address Redis was at goes to the log, not to an unauthenticated page.
  expect(notReadyAfterKill.body).toEqual({ status: 'not_ready', reason: 'redis_unavailable' });
  const check = await t.anonymous.get('/test_connection').expect(500);
  expect(Object.keys(check.body).sort()).toEqual(['details', 'error']);
  expect(check.body.details).toMatch(/REDIS_URL/);
  expect(JSON.stringify(check.body)).not.toMatch(/127\.0\.0\.1|ECONNREFUSED|:\d{2,5}\b/);
  // The process itself is fine: a load balancer keeps it.
  await t.anonymous.get('/healthz').expect(200);

  // 3. Redis returns on the same address (empty: no persistence in this test). The service
  // reconnects by itself.
  await redisServer.start();
  await waitFor(async () => (await t.anonymous.get('/readyz')).status === 200, 'ready after the restart');
  await t.api().get(`/sessions/${sessionId}`).expect(404);
  const again = await t.api().post('/sessions').send({ data: { step: 'after' } }).expect(201);
  await t.api().get(`/sessions/${again.body.sessionId}`).expect(200);
  // Scripts were flushed with the restart: EVALSHA falls back to EVAL transparently.
  await t.api().post('/carts/user/1/items').send({ bookId: 1, quantity: 2 }).expect(200);
  await t.anonymous.get('/test_connection').expect(200);
});
