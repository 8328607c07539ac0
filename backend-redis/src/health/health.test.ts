import { ClientOfflineError, ErrorReply, TimeoutError } from 'redis';
import { buildTestApp, type TestApp } from '../../test/app';
import { describeConnectionFailure } from './connection-failure';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('health routes (no service token needed)', () => {
  test('GET /healthz says the process is alive', async () => {
    const res = await t.anonymous.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('GET /readyz checks that Redis answers', async () => {
    const res = await t.anonymous.get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  test('GET /test_connection says it reached Redis and how fast, nothing more', async () => {
    const res = await t.anonymous.get('/test_connection').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['latencyMs', 'message']);
    expect(res.body.message).toBe('Connection to Backend Redis is successful!');
    expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test('GET /test_connection/ (trailing slash, as the Django original) answers the same', async () => {
    const res = await t.anonymous.get('/test_connection/').expect(200);
    expect(res.body.message).toBe('Connection to Backend Redis is successful!');
  });

  test('a request id from upstream is echoed back', async () => {
    const res = await t.anonymous.get('/healthz').set('X-Request-Id', 'frontend-req-12345');
    expect(res.headers['x-request-id']).toBe('frontend-req-12345');
  });
});

describe('the service token and JSON errors', () => {
  test.each([
    ['POST', '/sessions'],
    ['GET', '/carts/user/1'],
    ['GET', '/cache/catalog/stats'],
    ['GET', '/bestsellers'],
    ['POST', '/rate-limits/sign-in/a@b.c/hit'],
    ['GET', '/recently-viewed/1'],
  ])('%s %s answers 401 without it', async (method, path) => {
    const res = await t.anonymous[method.toLowerCase() as 'get' | 'post'](path).expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  test('a wrong token is refused', async () => {
    const res = await t.anonymous.get('/bestsellers').set('Authorization', 'Bearer nope').expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test('an unknown route is a JSON 404', async () => {
    const res = await t.api().get('/no/such/route').expect(404);
    expect(res.body.error.code).toBe('route_not_found');
  });

  test('malformed JSON is a 400, not a 500', async () => {
    const res = await t.api().post('/sessions').set('Content-Type', 'application/json').send('{"data": {').expect(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  test('a body over the size limit is a 413', async () => {
    const res = await t
      .api()
      .put('/cache/catalog/entries/big')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ value: 'x'.repeat(300_000), ttlMs: 1000 }))
      .expect(413);
    expect(res.body.error.code).toBe('body_too_large');
  });
});

describe('what /test_connection says when Redis cannot be used', () => {
  test.each([
    ['offline (reconnecting)', new ClientOfflineError(), /not connected.*REDIS_URL/],
    ['a command timed out', new TimeoutError(), /did not answer in time/],
    ['a wrong password', new ErrorReply('WRONGPASS invalid username-password pair'), /credentials/],
    ['anything else', new Error('boom'), /service log/],
  ])('%s', (_what, err, words) => {
    const details = describeConnectionFailure(err);
    expect(details).toMatch(words);
    expect(details).not.toMatch(/boom|WRONGPASS/);
  });
});
