import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { findHostileFailures, hostileRequests, listRoutes, type RouteInfo } from '@bookstore/common/testing';
import { createApp } from '../src/app';
import { createBook, createCategory, createUser } from '../src/catalog/test-fixtures';
import { TEST_CARDS } from '../src/payments/test-provider';
import { buildTestApp, TEST_SERVICE_TOKEN, type TestApp } from './app';

/**
 * Every route, found in the app's router stack (a new route is probed the day it is added),
 * gets the hostile corpus from common: bad percent-encoding, NUL and lone surrogates, huge
 * integers in path, query, header and body, wrong types, deep JSON, broken compressed
 * bodies, Object.prototype's names. Never a 5xx; every refusal a 4xx in the JSON error shape.
 */
let t: TestApp;
let server: Server;
let baseUrl: string;
let routes: RouteInfo[];
let adminId: number;
let bookId: number;
let categoryId: number;
let categorySlug: string;
let bookSlug: string;

beforeAll(async () => {
  t = await buildTestApp();
  const app = createApp(t.deps);
  routes = listRoutes(app);
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  adminId = (await createUser(t.prisma, 'admin')).id;
  const category = await createCategory(t.prisma, 'Science Fiction');
  categoryId = category.id;
  categorySlug = category.slug;
  const book = await createBook(t.prisma, { title: 'Dune', authors: ['Frank Herbert'], categories: ['Science Fiction'], stock: 1000 });
  bookId = book.id;
  bookSlug = book.slug;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await t.close();
});

test('the route list comes from the router and holds every feature', () => {
  const names = routes.map((route) => `${route.method} ${route.path}`);
  for (const expected of [
    'get /books/:idOrSlug',
    'get /search',
    'post /admin/books/:id/stock-adjustments',
    'post /users',
    'post /orders',
    'post /books/:id/reviews',
    'get /books/:id/also-bought',
    'get /bestsellers',
  ]) {
    expect(names).toContain(expected);
  }
});

test('no hostile request gets a 5xx, and every refusal is a JSON 4xx', async () => {
  const expiry = { expMonth: 12, expYear: new Date().getUTCFullYear() + 3 };
  const requests = hostileRequests(routes, {
    jsonLimitBytes: 100 * 1024,
    queryKeys: ['page', 'pageSize', 'limit', 'days', 'q', 'sort', 'category', 'author', 'minPrice', 'maxPrice', 'inStock'],
    headers: { authorization: `Bearer ${TEST_SERVICE_TOKEN}`, 'x-user-id': String(adminId) },
    probedHeaders: ['x-user-id'],
    // One id for books, users and orders: each route finds something real behind it.
    goodParams: new Map([
      ['id', String(bookId)],
      ['idOrSlug', bookSlug],
      ['slug', categorySlug],
    ]),
    goodBodies: new Map<string, unknown>([
      [
        'post /admin/books',
        {
          title: 'The Left Hand of Darkness',
          authorNames: ['Ursula K. Le Guin'],
          categoryIds: [categoryId],
          priceCents: 1500,
          stock: 5,
          isbn: '978-0-306-40615-7',
          description: 'Winter.',
          publicationYear: 1969,
          pageCount: 304,
          language: 'en',
          coverUrl: 'https://example.com/cover.jpg',
        },
      ],
      ['patch /admin/books/:id', { title: 'Dune Messiah', priceCents: 1600, categoryIds: [categoryId], coverUrl: null }],
      ['post /admin/books/:id/stock-adjustments', { delta: 5, reason: 'restock', note: 'delivery' }],
      ['post /users', { email: 'new.reader@example.com', password: 'correct horse battery', name: 'New Reader' }],
      ['post /users/verify-credentials', { email: 'someone@example.com', password: 'not the password' }],
      [
        'post /orders',
        {
          items: [{ bookId, quantity: 1 }],
          shippingAddress: { name: 'Ada Lovelace', line1: '12 St James Square', city: 'London', postalCode: 'SW1Y 4JH', country: 'GB' },
          payment: { cardNumber: TEST_CARDS.success, ...expiry, cvc: '123' },
          idempotencyKey: 'hostile-input-order-key',
        },
      ],
      ['post /orders/:id/status', { status: 'shipped' }],
      ['post /books/:id/reviews', { rating: 5, title: 'Great', body: 'Spice.' }],
    ]),
  });
  expect(requests.length).toBeGreaterThan(routes.length * 30);
  expect(await findHostileFailures(baseUrl, requests)).toEqual([]);
});

describe('each class, answered as it should be', () => {
  test('a path parameter that is not percent-encoded UTF-8 is a 400', async () => {
    for (const raw of ['%zz', '%', '%C0%AF']) {
      const res = await t.api().get(`/books/${raw}`).expect(400);
      expect(res.body.error.code).toBe('invalid_path_encoding');
    }
  });

  test('an X-User-Id beyond PostgreSQL integer is a 400 naming the header', async () => {
    const res = await t.api().get(`/users/${adminId}`).set('x-user-id', '2147483648').expect(400);
    expect(res.body.error.details[0].field).toBe('x-user-id');
    await t.api().get(`/users/${adminId}`).set('x-user-id', '99999999999999999999').expect(400);
  });

  test('NUL and lone surrogates are 400s naming the field, in a body, a query and a path', async () => {
    const admin = { 'x-user-id': String(adminId) };
    const body = await t.api().post('/admin/books').set(admin).send({ title: 'A\u0000B', priceCents: 1, authorNames: ['X'] }).expect(400);
    expect(body.body.error.details.map((d: { field: string }) => d.field)).toEqual(['title']);
    const surrogate = await t.api().post('/users').send({ email: 'a@b.co', password: 'long enough pw', name: '\udc00' }).expect(400);
    expect(surrogate.body.error.details[0].field).toBe('name');
    const query = await t.api().get('/books?category=sci%00fi').expect(400);
    expect(query.body.error.details[0].field).toBe('category');
    const path = await t.api().get('/authors/frank%00herbert').expect(400);
    expect(path.body.error.details[0].field).toBe('slug');
    await t.api().get('/search?q=dune%00').expect(400);
  });

  test('integers are bounded to int4 wherever they come from', async () => {
    await t.api().get('/books/2147483648/reviews').expect(400);
    await t.api().get('/books?page=2147483648').expect(400);
    await t.api().get('/books?minPrice=1e3').expect(400);
    const admin = { 'x-user-id': String(adminId) };
    await t.api().post(`/admin/books/${bookId}/stock-adjustments`).set(admin).send({ delta: 2 ** 31, reason: 'restock' }).expect(400);
  });

  test('a body that does not decode as its Content-Encoding says is a 400; an unknown one a 415', async () => {
    const broken = await t
      .api()
      .post('/users/verify-credentials')
      .set('content-type', 'application/json')
      .set('content-encoding', 'gzip')
      .send(gzipSync('{"email":"a@b.co","password":"x"}').subarray(0, 15))
      .expect(400);
    expect(broken.body.error.code).toBe('invalid_body_encoding');
    const unknown = await t
      .api()
      .post('/users/verify-credentials')
      .set('content-type', 'application/json')
      .set('content-encoding', 'compress')
      .send('{}')
      .expect(415);
    expect(unknown.body.error.code).toBe('unsupported_encoding');
  });
});
