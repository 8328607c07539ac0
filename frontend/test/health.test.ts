import { buildShop, type TestShop } from './shop';

let up: TestShop;
let redisDown: TestShop;
beforeAll(() => {
  up = buildShop();
  redisDown = buildShop({ redisDown: true });
});
afterAll(async () => {
  await up.close();
  await redisDown.close();
});

test('GET /healthz answers even when a backend is not ready', async () => {
  await redisDown.request.get('/healthz').expect(200, { status: 'ok' });
});

test('GET /readyz is ready when both backends are, and 503 when one is not', async () => {
  await up.request.get('/readyz').expect(200, { status: 'ready' });
  const res = await redisDown.request.get('/readyz').expect(503);
  expect(res.body.status).toBe('not_ready');
});
