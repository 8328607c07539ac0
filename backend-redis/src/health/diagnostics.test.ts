import net from 'node:net';
import supertest from 'supertest';
import { createClient } from 'redis';
import type { BackendDiagnostics } from '@bookstore/common';
import { createApp } from '../app';
import { buildTestApp, TEST_SERVICE_TOKEN, type TestApp } from '../../test/app';
import { RedisServerProcess, freePort } from '../../test/redis-server';
import { probeRedis } from '../redis/probe';
import { redisDiagnostics } from './redis-diagnostics';

/**
 * GET /diagnostics against real failures: a Redis of the test's own that it stops, one that
 * wants another password, a host name that does not resolve, a port that accepts and never
 * answers. Each answer names the cause in plain words, within the probe's deadline, and
 * carries no password.
 */
const PASSWORD = 's3cret-pass-that-must-not-show';

interface Target {
  t: TestApp;
  api: () => supertest.Test;
}

async function targetFor(url: string, options: { password?: string; connect?: boolean } = {}): Promise<Target> {
  const t = await buildTestApp({ redisUrl: url, connect: options.connect });
  const connectionOptions = {
    url,
    password: options.password,
    cluster: false,
    clusterNodes: [],
    commandTimeoutMs: 500,
    connectTimeoutMs: 800,
    reconnectMaxDelayMs: 200,
  };
  const diagnostics = redisDiagnostics(
    { APP_VERSION: 'test-version-1', REDIS_URL: url, REDIS_CLUSTER: false, REDIS_CLUSTER_NODES: [], REDIS_CONNECT_TIMEOUT_MS: 800 },
    (deadlineMs) => probeRedis(connectionOptions, deadlineMs),
  );
  const app = createApp({ ...t.deps, diagnostics });
  return { t, api: () => supertest(app).get('/diagnostics').set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`) };
}

async function diagnose(target: Target): Promise<{ body: BackendDiagnostics; text: string; ms: number }> {
  const started = Date.now();
  const res = await target.api().expect(200);
  return { body: res.body as BackendDiagnostics, text: res.text, ms: Date.now() - started };
}

const failureOf = (body: BackendDiagnostics) => (body.store.check.ok ? undefined : body.store.check.failure);

describe('a Redis that answers', () => {
  let target: Target;
  beforeAll(async () => {
    target = await targetFor('redis://127.0.0.1:6379');
  });
  afterAll(() => target.t.close());

  test('says where Redis is, in which mode, whether TLS is on, and how fast it answered', async () => {
    const { body } = await diagnose(target);
    expect(body.service).toBe('backend-redis');
    expect(body.version).toBe('test-version-1');
    expect(body.hostName.length).toBeGreaterThan(0);
    expect(body.store).toMatchObject({ kind: 'redis', endpoints: [{ host: '127.0.0.1', port: 6379 }], mode: 'standalone', tls: false });
    expect(body.store.check.ok).toBe(true);
    expect(body.store.check.latencyMs).toBeGreaterThanOrEqual(0);
  });

  test('needs the service token', async () => {
    const app = createApp({ ...target.t.deps, diagnostics: redisDiagnostics(
      { APP_VERSION: 'x', REDIS_URL: 'redis://127.0.0.1:6379', REDIS_CLUSTER: false, REDIS_CLUSTER_NODES: [], REDIS_CONNECT_TIMEOUT_MS: 800 },
      () => Promise.resolve(),
    ) });
    await supertest(app).get('/diagnostics').expect(401);
    await supertest(app).get('/diagnostics').set('Authorization', 'Bearer wrong-token-0123456789').expect(401);
  });
});

describe('a Redis the test stops', () => {
  let server: RedisServerProcess;
  let target: Target;
  beforeAll(async () => {
    server = new RedisServerProcess(await freePort());
    await server.start();
    target = await targetFor(server.url);
  });
  afterAll(async () => {
    await target.t.close();
    await server.dispose();
  });

  test('is green while it runs, then "refused" with what to check once it is stopped', async () => {
    expect((await diagnose(target)).body.store.check.ok).toBe(true);
    await server.kill();
    const { body, ms } = await diagnose(target);
    const failure = failureOf(body);
    expect(failure?.code).toBe('connection_refused');
    expect(failure?.summary).toContain(`127.0.0.1:${server.port}`);
    expect(failure?.checks.join(' ')).toMatch(/security group/);
    expect(ms).toBeLessThan(3000);
  });

  test('the public /test_connection keeps the Django contract: 500 { error, details } without the host', async () => {
    const res = await target.t.anonymous.get('/test_connection/').expect(500);
    expect(Object.keys(res.body).sort()).toEqual(['details', 'error']);
    expect(res.text).not.toContain(String(server.port));
  });
});

test('a wrong password is WRONGPASS in plain words, and the password never appears', async () => {
  const server = new RedisServerProcess(await freePort());
  let target: Target | undefined;
  try {
    await server.start();
    // A password set after start: start() waits for a PING that a password would refuse.
    const admin = createClient({ url: server.url });
    await admin.connect();
    await admin.configSet('requirepass', 'the-right-password');
    await admin.close();
    target = await targetFor(server.url, { password: PASSWORD, connect: false });
    const { body, text } = await diagnose(target);
    expect(failureOf(body)?.code).toBe('auth_failed');
    expect(failureOf(body)?.summary).toMatch(/WRONGPASS/);
    expect(text).not.toContain(PASSWORD);
  } finally {
    await target?.t.close();
    await server.dispose();
  }
});

test('a password in REDIS_URL is never shown, only the host and port', async () => {
  const target = await targetFor(`redis://user:${PASSWORD}@127.0.0.1:${await freePort()}`, { connect: false });
  try {
    const { body, text } = await diagnose(target);
    expect(body.store.endpoints).toEqual([{ host: '127.0.0.1', port: expect.any(Number) }]);
    expect(failureOf(body)?.code).toBe('connection_refused');
    expect(text).not.toContain(PASSWORD);
    expect(text).not.toContain('redis://');
  } finally {
    await target.t.close();
  }
});

test('a host name that does not resolve is a DNS failure naming REDIS_URL', async () => {
  const target = await targetFor('redis://no-such-cache.invalid:6379', { connect: false });
  try {
    const failure = failureOf((await diagnose(target)).body);
    expect(failure?.code).toBe('dns_failure');
    expect(failure?.summary).toContain('no-such-cache.invalid');
  } finally {
    await target.t.close();
  }
});

test('a port that accepts and never answers is a timeout, given up within the probe deadline', async () => {
  const sockets = new Set<net.Socket>();
  const blackHole = net.createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  const { port } = blackHole.address() as net.AddressInfo;
  const target = await targetFor(`redis://127.0.0.1:${port}`, { connect: false });
  try {
    const { body, ms } = await diagnose(target);
    expect(failureOf(body)?.code).toBe('timeout');
    expect(failureOf(body)?.checks.join(' ')).toMatch(/security group/);
    expect(ms).toBeLessThan(3000);
  } finally {
    await target.t.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => blackHole.close(resolve));
  }
});
