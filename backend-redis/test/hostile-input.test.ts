import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { findHostileFailures, hostileRequests, listRoutes, type RouteInfo } from '@bookstore/common/testing';
import { createApp } from '../src/app';
import { STORED_JSON_MAX_DEPTH } from '../src/http/params';
import { buildTestApp, TEST_SERVICE_TOKEN, type TestApp } from './app';

/**
 * Every route, found in the app's router stack (a new route is probed the day it is added),
 * gets the hostile corpus from common: bad percent-encoding, NUL and lone surrogates, huge
 * integers, wrong types, deep JSON, broken compressed bodies, Object.prototype's names.
 * Never a 5xx; every refusal a 4xx in the JSON error shape.
 */
let t: TestApp;
let server: Server;
let baseUrl: string;
let routes: RouteInfo[];
let sessionId: string;

beforeAll(async () => {
  t = await buildTestApp();
  const app = createApp(t.deps);
  routes = listRoutes(app);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  sessionId = (await t.api().post('/sessions').send({ data: {} }).expect(201)).body.sessionId;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

/** `depth` levels of objects: `{ next: { next: … 'bottom' } }`. */
const nested = (depth: number): unknown => {
  let value: unknown = 'bottom';
  for (let i = 0; i < depth; i++) value = { next: value };
  return value;
};

test('the route list comes from the router and holds every feature', () => {
  const names = routes.map((route) => `${route.method} ${route.path}`);
  for (const expected of [
    'post /sessions',
    'put /carts/:kind/:ownerId/items/:bookId',
    'put /cache/:namespace/entries/:key',
    'put /bestsellers',
    'post /rate-limits/:bucket/:key/hit',
    'delete /recently-viewed/:userId',
  ]) {
    expect(names).toContain(expected);
  }
});

test('no hostile request gets a 5xx, and every refusal is a JSON 4xx', async () => {
  const today = new Date().toISOString().slice(0, 10);
  const requests = hostileRequests(routes, {
    jsonLimitBytes: 256 * 1024,
    queryKeys: ['window', 'limit'],
    headers: { authorization: `Bearer ${TEST_SERVICE_TOKEN}` },
    goodParams: new Map([
      ['kind', 'user'],
      ['sessionId', sessionId],
      ['namespace', 'catalog'],
      ['key', 'home'],
      ['bucket', 'sign-in'],
    ]),
    goodBodies: new Map<string, unknown>([
      ['post /sessions', { data: { userId: 1, seen: ['a', 'b'] } }],
      ['put /sessions/:sessionId', { data: { step: 'checkout', nested: { level: 2 } } }],
      ['post /sessions/:sessionId/rotate', { data: { userId: 2 } }],
      ['post /carts/:kind/:ownerId/items', { bookId: 1, quantity: 1 }],
      ['put /carts/:kind/:ownerId/items/:bookId', { quantity: 2 }],
      ['post /carts/user/:userId/merge', { guestSessionId: sessionId }],
      ['put /cache/:namespace/entries/:key', { value: { items: [{ id: 1, title: 'Dune' }] }, ttlMs: 60_000 }],
      ['post /bestsellers/orders', { orderId: 1, items: [{ bookId: 1, quantity: 2 }] }],
      [
        'put /bestsellers',
        { allTime: [{ bookId: 1, unitsSold: 3 }], days: [{ date: today, items: [{ bookId: 1, unitsSold: 1 }] }] },
      ],
      ['post /recently-viewed/:userId', { bookId: 1 }],
    ]),
  });
  expect(requests.length).toBeGreaterThan(routes.length * 30);
  expect(await findHostileFailures(baseUrl, requests)).toEqual([]);
});

describe('each class, answered as it should be', () => {
  test('a rate-limit bucket named after an Object.prototype member is unknown, not a rule', async () => {
    for (const bucket of ['constructor', 'tostring', 'hasownproperty']) {
      const res = await t.api().post(`/rate-limits/${bucket}/someone/hit`).expect(404);
      expect(res.body.error.code).toBe('unknown_rate_limit_bucket');
    }
    await t.api().post('/rate-limits/__proto__/someone/hit').expect(400);
  });

  test(`stored JSON: ${STORED_JSON_MAX_DEPTH} levels are kept, one more is a 400 naming where`, async () => {
    await t.api().post('/sessions').send({ data: nested(STORED_JSON_MAX_DEPTH) }).expect(201);
    const res = await t.api().post('/sessions').send({ data: nested(STORED_JSON_MAX_DEPTH + 1) }).expect(400);
    expect(res.body.error.details[0].field).toMatch(/^data(\.next)+$/);
    expect(res.body.error.details[0].message).toMatch(/deeper than 32/);
  });

  test('a cache value nested 100,000 levels deep is refused before anything recurses into it', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    const res = await t
      .api()
      .put('/cache/catalog/entries/deep')
      .set('content-type', 'application/json')
      .send(`{"ttlMs":60000,"value":${deep}}`)
      .expect(400);
    expect(res.body.error.code).toBe('json_too_deep');
  });

  test('text JSON cannot carry and a __proto__ key are 400s naming the field', async () => {
    const nul = await t.api().post('/sessions').send({ data: { note: 'a\u0000b' } }).expect(400);
    expect(nul.body.error.details[0].field).toBe('data.note');
    const surrogate = await t.api().put('/cache/catalog/entries/x').send({ value: ['\ud800'], ttlMs: 1000 }).expect(400);
    expect(surrogate.body.error.details[0].field).toBe('value.0');
    const proto = await t
      .api()
      .post('/sessions')
      .set('content-type', 'application/json')
      .send('{"data":{"__proto__":{"admin":true}}}')
      .expect(400);
    expect(proto.body.error.details[0].field).toBe('data.__proto__');
  });

  test('integers beyond int4 in a path or a body are 400s', async () => {
    await t.api().get('/carts/user/2147483648').expect(400);
    await t.api().get('/carts/user/2147483647').expect(200);
    await t.api().post('/recently-viewed/1').send({ bookId: 2 ** 31 }).expect(400);
    await t.api().get('/recently-viewed/1?limit=1e2').expect(400);
  });
});
