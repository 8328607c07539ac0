import { buildTestApp, sleep, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const entry = (namespace: string, key: string) => `/cache/${namespace}/entries/${encodeURIComponent(key)}`;
const put = (namespace: string, key: string, value: unknown, ttlMs = 60_000) =>
  t.api().put(entry(namespace, key)).send({ value, ttlMs });

describe('cache entries', () => {
  test('a JSON value comes back as it was stored', async () => {
    const value = { books: [{ id: 1, title: 'Dune', priceCents: 1299 }], page: 2, total: 41, note: null };
    const res = await put('catalog', 'books?page=2&genre=sf', value).expect(200);
    expect(res.body).toEqual({ namespace: 'catalog', key: 'books?page=2&genre=sf', version: 0, ttlMs: 60_000 });
    const hit = await t.api().get(entry('catalog', 'books?page=2&genre=sf')).expect(200);
    expect(hit.headers['content-type']).toMatch(/application\/json/);
    expect(hit.body).toEqual({ namespace: 'catalog', key: 'books?page=2&genre=sf', value });
  });

  test.each([['a string'], [42], [[1, 'two']], [false]])('scalar and array values work: %j', async (value) => {
    await put('scalars', 'k', value).expect(200);
    expect((await t.api().get(entry('scalars', 'k')).expect(200)).body.value).toEqual(value);
  });

  test('a missing entry is a 404 cache_miss', async () => {
    const res = await t.api().get(entry('catalog', 'never-stored')).expect(404);
    expect(res.body.error.code).toBe('cache_miss');
  });

  test('an entry expires after its TTL', async () => {
    await put('short', 'k', { v: 1 }, 150).expect(200);
    await t.api().get(entry('short', 'k')).expect(200);
    await sleep(250);
    await t.api().get(entry('short', 'k')).expect(404);
  });

  test('DELETE removes one entry', async () => {
    await put('catalog', 'doomed', 1).expect(200);
    await put('catalog', 'kept', 2).expect(200);
    await t.api().delete(entry('catalog', 'doomed')).expect(204);
    await t.api().get(entry('catalog', 'doomed')).expect(404);
    await t.api().get(entry('catalog', 'kept')).expect(200);
  });
});

describe('namespaces', () => {
  test('invalidating a namespace drops all its entries at once, and only its own', async () => {
    for (let page = 1; page <= 5; page++) await put('pages', `books?page=${page}`, { page }).expect(200);
    await put('other', 'x', 1).expect(200);
    const res = await t.api().post('/cache/pages/invalidate').expect(200);
    expect(res.body).toEqual({ namespace: 'pages', version: 1 });
    for (let page = 1; page <= 5; page++) await t.api().get(entry('pages', `books?page=${page}`)).expect(404);
    await t.api().get(entry('other', 'x')).expect(200);

    // New writes land in the new version and are served.
    const stored = await put('pages', 'books?page=1', { page: 1, fresh: true }).expect(200);
    expect(stored.body.version).toBe(1);
    expect((await t.api().get(entry('pages', 'books?page=1')).expect(200)).body.value.fresh).toBe(true);
  });

  test('invalidation touches only the version key: old entries are left to their TTL', async () => {
    for (let i = 0; i < 20; i++) await put('wide', `k${i}`, i).expect(200);
    await t.api().post('/cache/wide/invalidate').expect(200);
    // The old entries are still there (they expire by TTL), but read as misses.
    expect(await t.admin.get(t.keys.cacheEntry('wide', 'k7'))).toBe('0:7');
    expect(await t.admin.get(t.keys.cacheVersion('wide'))).toBe('1');
    await t.api().get(entry('wide', 'k7')).expect(404);
  });

  test('hit and miss counters per namespace', async () => {
    await put('counted', 'a', 1).expect(200);
    await t.api().get(entry('counted', 'a')).expect(200);
    await t.api().get(entry('counted', 'a')).expect(200);
    await t.api().get(entry('counted', 'b')).expect(404);
    const res = await t.api().get('/cache/counted/stats').expect(200);
    expect(res.body).toEqual({ namespace: 'counted', version: 0, hits: 2, misses: 1 });
  });

  test('stats of an unused namespace are zeros', async () => {
    const res = await t.api().get('/cache/unused/stats').expect(200);
    expect(res.body).toEqual({ namespace: 'unused', version: 0, hits: 0, misses: 0 });
  });
});

describe('validation', () => {
  test.each([
    ['Upper', 'k'],
    ['{tag}', 'k'],
    ['a'.repeat(65), 'k'],
  ])('namespace %s is a 400', async (namespace, key) => {
    const res = await t.api().get(entry(namespace, key)).expect(400);
    expect(res.body.error.details[0].field).toBe('namespace');
  });

  test('a key with spaces or over 512 characters is a 400', async () => {
    await t.api().get(entry('catalog', 'has space')).expect(400);
    await t.api().get(entry('catalog', 'k'.repeat(513))).expect(400);
  });

  test.each([
    ['ttlMs', 'missing', { value: 1 }],
    ['ttlMs', 'zero', { value: 1, ttlMs: 0 }],
    ['ttlMs', 'a string', { value: 1, ttlMs: 'soon' }],
    ['value', 'missing', { ttlMs: 1000 }],
    ['tags', 'unknown', { value: 1, ttlMs: 1000, tags: [] }],
    ['value', 'over 200 KB', { value: 'x'.repeat(210_000), ttlMs: 1000 }],
  ])('PUT with %s %s is a 400 naming it', async (field, _why, body) => {
    const res = await t.api().put(entry('catalog', 'k')).send(body).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});
