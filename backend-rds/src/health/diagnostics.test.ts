import net from 'node:net';
import supertest from 'supertest';
import type { BackendDiagnostics } from '@bookstore/common';
import { createApp } from '../app';
import { createPrismaClient, type PrismaClient } from '../db/client';
import { baseTestDeps, TEST_SERVICE_TOKEN } from '../../test/app';
import { ADMIN_URL, databaseUrl } from '../../test/postgres-admin';
import { databaseDiagnosticsSettings } from './database-diagnostics';

/**
 * GET /diagnostics against real failures: a port nothing listens on, a host name that does
 * not resolve, a port that accepts and never answers, a database and a user that do not
 * exist. Each answer names the cause in plain words, within its deadline, and never the
 * password of DATABASE_URL.
 */
const PASSWORD = 's3cret-db-password-that-must-not-show';
const CONNECT_TIMEOUT_MS = 600;

const clients: PrismaClient[] = [];
afterAll(async () => {
  await Promise.all(clients.map((client) => client.$disconnect()));
});

function diagnosticsFor(url: string) {
  const prisma = createPrismaClient({ url, poolSize: 1, connectTimeoutMs: CONNECT_TIMEOUT_MS });
  clients.push(prisma);
  const app = createApp({
    ...baseTestDeps(),
    db: { primary: prisma, reader: prisma, disconnect: () => prisma.$disconnect() },
    diagnostics: databaseDiagnosticsSettings({
      APP_VERSION: 'test-version-2',
      DATABASE_URL: url,
      DATABASE_REPLICA_URLS: [],
      DATABASE_CONNECT_TIMEOUT_MS: CONNECT_TIMEOUT_MS,
    }),
  });
  return {
    anonymous: supertest(app),
    async diagnose() {
      const started = Date.now();
      const res = await supertest(app).get('/diagnostics').set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`).expect(200);
      const body = res.body as BackendDiagnostics;
      return { body, text: res.text, ms: Date.now() - started, failure: body.store.check.ok ? undefined : body.store.check.failure };
    },
  };
}

const closedPort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

test('a database that answers: host, port, TLS as the server reports it, version, latency', async () => {
  const { body } = await diagnosticsFor(ADMIN_URL).diagnose();
  const admin = new URL(ADMIN_URL);
  expect(body).toMatchObject({ service: 'backend-rds', version: 'test-version-2' });
  expect(body.store).toMatchObject({
    kind: 'postgresql',
    endpoints: [{ host: admin.hostname, port: Number(admin.port || 5432) }],
    tls: false,
    replicaCount: 0,
  });
  expect(body.store.check.ok).toBe(true);
});

test('needs the service token', async () => {
  await diagnosticsFor(ADMIN_URL).anonymous.get('/diagnostics').expect(401);
});

test('a port nothing listens on is "refused", and the password in DATABASE_URL never shows', async () => {
  const port = await closedPort();
  const target = diagnosticsFor(`postgresql://bookstore:${PASSWORD}@127.0.0.1:${port}/bookstore`);
  const { failure, text, body } = await target.diagnose();
  expect(failure?.code).toBe('connection_refused');
  expect(failure?.summary).toContain(`127.0.0.1:${port}`);
  expect(failure?.checks.join(' ')).toMatch(/security group/);
  expect(body.store.endpoints).toEqual([{ host: '127.0.0.1', port }]);
  expect(text).not.toContain(PASSWORD);
  expect(text).not.toContain('postgresql://');
  expect(text).not.toContain('bookstore:');
  // The public check keeps the Django contract and names no host.
  const open = await target.anonymous.get('/test_connection/').expect(500);
  expect(Object.keys(open.body).sort()).toEqual(['details', 'error']);
  expect(open.text).not.toContain(String(port));
});

test('a host name that does not resolve is a DNS failure naming DATABASE_URL', async () => {
  const { failure } = await diagnosticsFor('postgresql://postgres@no-such-database.invalid:5432/bookstore').diagnose();
  expect(failure?.code).toBe('dns_failure');
  expect(failure?.summary).toContain('no-such-database.invalid');
});

test('a port that accepts and never answers is a timeout, given up within the connect timeout', async () => {
  const sockets = new Set<net.Socket>();
  const blackHole = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const { port } = blackHole.address() as net.AddressInfo;
  try {
    const { failure, ms } = await diagnosticsFor(`postgresql://postgres@127.0.0.1:${port}/bookstore`).diagnose();
    expect(failure?.code).toBe('timeout');
    expect(failure?.checks.join(' ')).toMatch(/security group/);
    expect(ms).toBeLessThan(CONNECT_TIMEOUT_MS + 1500);
  } finally {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  }
});

test('a database that does not exist, and a user that does not exist, say so', async () => {
  const missingDatabase = await diagnosticsFor(databaseUrl('no_such_database_for_diagnostics')).diagnose();
  expect(missingDatabase.failure?.code).toBe('database_missing');
  const url = new URL(ADMIN_URL);
  url.username = 'no_such_user_for_diagnostics';
  const missingUser = await diagnosticsFor(url.toString()).diagnose();
  expect(missingUser.failure?.code).toBe('access_denied');
});
