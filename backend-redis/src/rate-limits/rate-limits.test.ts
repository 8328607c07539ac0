import { buildTestApp, defaultSettings, sleep, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({
    settings: {
      rateLimits: {
        ...defaultSettings().rateLimits,
        burst: { limit: 10, windowMs: 60_000 },
        short: { limit: 2, windowMs: 300 },
      },
    },
  });
});
afterAll(() => t.close());

const hit = (bucket: string, key: string) => t.api().post(`/rate-limits/${bucket}/${encodeURIComponent(key)}/hit`);

test('exactly `limit` of 100 concurrent hits are allowed', async () => {
  const results = await Promise.all(Array.from({ length: 100 }, () => hit('burst', 'checkout:user-1')));
  expect(results.every((r) => r.status === 200)).toBe(true);
  const allowed = results.filter((r) => r.body.allowed);
  const refused = results.filter((r) => !r.body.allowed);
  expect(allowed).toHaveLength(10);
  expect(allowed.map((r) => r.body.remaining).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  expect(refused).toHaveLength(90);
  for (const r of refused) {
    expect(r.body).toMatchObject({ limit: 10, remaining: 0, windowMs: 60_000 });
    expect(r.body.retryAfterMs).toBeGreaterThan(0);
    expect(r.body.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(Number(r.headers['retry-after'])).toBe(Math.ceil(r.body.retryAfterMs / 1000));
  }
});

test('an answer names the bucket and key and carries RateLimit headers', async () => {
  const res = await hit('sign-in', 'reader@example.com').expect(200);
  expect(res.body).toEqual({
    bucket: 'sign-in',
    key: 'reader@example.com',
    allowed: true,
    limit: 5,
    remaining: 4,
    windowMs: 60_000,
    retryAfterMs: 0,
  });
  expect(res.headers['ratelimit-limit']).toBe('5');
  expect(res.headers['ratelimit-remaining']).toBe('4');
  expect(res.headers['retry-after']).toBeUndefined();
});

test('the window slides: a hit is allowed again once the oldest leaves it', async () => {
  await hit('short', 'ip-1').expect(200);
  await hit('short', 'ip-1').expect(200);
  const refused = (await hit('short', 'ip-1').expect(200)).body;
  expect(refused.allowed).toBe(false);
  expect(refused.retryAfterMs).toBeLessThanOrEqual(300);
  await sleep(refused.retryAfterMs + 50);
  expect((await hit('short', 'ip-1').expect(200)).body.allowed).toBe(true);
});

test('keys and buckets are counted separately', async () => {
  await hit('short', 'ip-2').expect(200);
  await hit('short', 'ip-2').expect(200);
  expect((await hit('short', 'ip-2')).body.allowed).toBe(false);
  expect((await hit('short', 'ip-3')).body.allowed).toBe(true);
  expect((await hit('sign-in', 'ip-2')).body.allowed).toBe(true);
});

test('DELETE resets a key', async () => {
  for (let i = 0; i < 5; i++) await hit('sign-in', 'forgetful@example.com').expect(200);
  expect((await hit('sign-in', 'forgetful@example.com')).body.allowed).toBe(false);
  await t.api().delete(`/rate-limits/sign-in/${encodeURIComponent('forgetful@example.com')}`).expect(204);
  expect((await hit('sign-in', 'forgetful@example.com')).body).toMatchObject({ allowed: true, remaining: 4 });
});

test('the counter key expires with its window', async () => {
  await hit('sign-in', 'ttl@example.com').expect(200);
  const ttl = await t.admin.pTTL(t.keys.rateLimit('sign-in', 'ttl@example.com'));
  expect(ttl).toBeGreaterThan(50_000);
  expect(ttl).toBeLessThanOrEqual(60_000);
});

describe('errors', () => {
  test('an unknown bucket is a 404 listing the known ones', async () => {
    const res = await hit('downloads', 'x').expect(404);
    expect(res.body.error.code).toBe('unknown_rate_limit_bucket');
    expect(res.body.error.details.buckets).toEqual(expect.arrayContaining(['sign-in', 'registration', 'checkout']));
    await t.api().delete('/rate-limits/downloads/x').expect(404);
  });

  test('a bad bucket name or key is a 400', async () => {
    expect((await hit('Sign_In', 'x').expect(400)).body.error.details[0].field).toBe('bucket');
    expect((await hit('sign-in', 'has space').expect(400)).body.error.details[0].field).toBe('key');
    await hit('sign-in', 'k'.repeat(257)).expect(400);
  });
});
