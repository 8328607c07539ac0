import { createServer, type Server, type Socket } from 'node:net';
import supertest from 'supertest';
import { createApp } from '../src/app';
import { createPrismaClient, type PrismaClient } from '../src/db/client';
import { baseTestDeps, buildTestApp, type TestApp } from './app';
import { databaseUrl } from './postgres-admin';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

/** The app on a database it cannot use, answering health routes only. */
function appOn(prisma: PrismaClient) {
  const db = { primary: prisma, reader: prisma, disconnect: () => prisma.$disconnect() };
  return supertest(createApp({ db, ...baseTestDeps() }));
}

describe('health routes (no service token needed)', () => {
  test('GET /healthz says the process is alive', async () => {
    const res = await t.anonymous.get('/healthz').expect(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  test('GET /readyz checks PostgreSQL', async () => {
    const res = await t.anonymous.get('/readyz').expect(200);
    expect(res.body).toEqual({ status: 'ready' });
  });

  test('GET /test_connection says it reached the database and how fast, nothing more', async () => {
    const res = await t.anonymous.get('/test_connection').expect(200);
    expect(Object.keys(res.body).sort()).toEqual(['latencyMs', 'message']);
    expect(res.body.message).toBe('Connection to Backend RDS is successful!');
    expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test('GET /test_connection/ (trailing slash, as the Django original) answers the same', async () => {
    const res = await t.anonymous.get('/test_connection/').expect(200);
    expect(res.body.message).toBe('Connection to Backend RDS is successful!');
  });

  test('a request id from upstream is echoed back', async () => {
    const res = await t.anonymous.get('/healthz').set('X-Request-Id', 'frontend-req-12345');
    expect(res.headers['x-request-id']).toBe('frontend-req-12345');
  });
});

describe('health routes when the database cannot be used', () => {
  test('nothing listening: /readyz and /test_connection say so in plain words, naming no address', async () => {
    // Port 1 on loopback: refused at once, like a stopped database.
    const prisma = createPrismaClient({ url: 'postgresql://postgres:s3cret@127.0.0.1:1/bookstore', poolSize: 1 });
    try {
      const app = appOn(prisma);
      const ready = await app.get('/readyz').expect(503);
      expect(ready.body).toEqual({ status: 'not_ready', reason: 'database_unavailable' });

      const check = await app.get('/test_connection/').expect(500);
      expect(Object.keys(check.body).sort()).toEqual(['details', 'error']);
      expect(check.body.details).toMatch(/DATABASE_URL/);
      const text = JSON.stringify(check.body);
      for (const secret of ['127.0.0.1', ':1', 's3cret', 'postgres', 'ECONNREFUSED']) {
        expect(text).not.toContain(secret);
      }

      // Every other route answers 503 with a retry hint, not 500.
      const books = await app.get('/books').set('Authorization', `Bearer ${baseTestDeps().serviceToken}`).expect(503);
      expect(books.body.error.code).toBe('database_unavailable');
      expect(books.headers['retry-after']).toBe('5');
      expect(JSON.stringify(books.body)).not.toContain('127.0.0.1');
    } finally {
      await prisma.$disconnect();
    }
  });

  test('a database that accepts the connection but never answers: a 503 once the connect timeout passes', async () => {
    // What a security group dropping packets, or a hung server, looks like from here.
    const sockets = new Set<Socket>();
    const silent: Server = createServer((socket) => sockets.add(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as { port: number };
    const connectTimeoutMs = 300;
    const url = `postgresql://postgres@127.0.0.1:${port}/bookstore`;
    const prisma = createPrismaClient({ url, poolSize: 2, connectTimeoutMs });
    try {
      const app = appOn(prisma);
      const started = Date.now();
      const books = await app.get('/books').set('Authorization', `Bearer ${baseTestDeps().serviceToken}`).expect(503);
      // A hang guard, not a performance check: the request ends with the timeout, not never.
      expect(Date.now() - started).toBeLessThan(connectTimeoutMs * 10);
      expect(books.body.error.code).toBe('database_unavailable');
      const check = await app.get('/test_connection').expect(500);
      expect(check.body.details).toMatch(/in time/);
      expect((await app.get('/readyz').expect(503)).body.reason).toBe('database_unavailable');
    } finally {
      await prisma.$disconnect();
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    }
  });

  test('a database that does not exist is named as the cause, still without its name', async () => {
    const prisma = createPrismaClient({ url: databaseUrl('bookstore_test_no_such_database'), poolSize: 1 });
    try {
      const check = await appOn(prisma).get('/test_connection').expect(500);
      expect(check.body.details).toMatch(/does not exist/);
      expect(check.body.details).not.toContain('no_such_database');
    } finally {
      await prisma.$disconnect();
    }
  });
});

describe('the service token', () => {
  test('every other route answers 401 without it', async () => {
    const res = await t.anonymous.get('/books').expect(401);
    expect(res.body.error.code).toBe('unauthorized');
    expect(res.headers['www-authenticate']).toBe('Bearer');
  });

  test('a wrong token is refused', async () => {
    const res = await t.anonymous.get('/books').set('Authorization', 'Bearer nope').expect(401);
    expect(res.body.error.code).toBe('unauthorized');
  });

  test('an unknown route is a JSON 404', async () => {
    const res = await t.api().get('/no/such/route').expect(404);
    expect(res.body.error.code).toBe('route_not_found');
  });

  test('malformed JSON is a 400, not a 500', async () => {
    const res = await t
      .api()
      .post('/users')
      .set('Content-Type', 'application/json')
      .send('{"email": "a@b.c",')
      .expect(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  test('a body over the size limit is a 413', async () => {
    const res = await t
      .api()
      .post('/users')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ name: 'x'.repeat(200_000) }))
      .expect(413);
    expect(res.body.error.code).toBe('body_too_large');
  });
});
