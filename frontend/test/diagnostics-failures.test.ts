import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';
import { REPO_ROOT } from './stack/database';
import { freePort, startChild, waitForReady, type Child } from './stack/processes';
import { LOG_DIR } from './stack/global-setup';
import { buildDiagnosticsShop, NGINX_HEADERS, type DiagnosticsShop } from './diagnostics-shop';
import { parseHtml, type Html } from './html';

/**
 * /diagnostics against real failures, no mocks: a backend-rds whose DATABASE_URL (with a
 * password in it) points at a closed port, a backend-redis whose own redis-server the test
 * stops, a backend that accepts connections and never answers, a wrong service token, a
 * backend that is not running, a host name that does not resolve. Each hop shows its cause,
 * the page answers within its timeout, the Django URLs give their 500 contract, and no
 * password or token ever shows.
 */
const DB_PASSWORD = 'db-password-that-must-never-show';
const HOP_TIMEOUT_MS = 1500;
const tsxLoader = createRequire(path.join(REPO_ROOT, 'backend-rds', 'package.json')).resolve('tsx');

const children: Child[] = [];
let redisServer: ChildProcess | undefined;
let blackHole: net.Server;
const blackHoleSockets = new Set<net.Socket>();
let rdsWithoutDatabase: string;
let redisBackend: string;
let redisPort: number;
let blackHoleUrl: string;
const shops: DiagnosticsShop[] = [];

function serve(name: string, service: string, env: NodeJS.ProcessEnv): Child {
  const { serviceToken } = JSON.parse(process.env.BOOKSTORE_FRONTEND_TEST_STACK ?? '{}') as { serviceToken: string };
  const child = startChild(
    name,
    ['--import', tsxLoader, 'src/server.ts'],
    path.join(REPO_ROOT, service),
    { ...process.env, NODE_ENV: 'test', HOST: '127.0.0.1', LOG_LEVEL: 'warn', SERVICE_TOKEN: serviceToken, ...env },
    path.join(LOG_DIR, `${name}.log`),
  );
  children.push(child);
  return child;
}

async function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.createConnection({ port, host: '127.0.0.1' });
    socket.setTimeout(300, () => (socket.destroy(), resolve(false)));
    socket.on('error', () => resolve(false));
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk) => (socket.destroy(), resolve(chunk.toString().startsWith('+PONG'))));
  });
}

beforeAll(async () => {
  const [rdsPort, closedDbPort, redisBackendPort, ownRedisPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  redisPort = ownRedisPort;
  redisServer = spawn(process.env.REDIS_SERVER_BINARY ?? '/usr/bin/redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const rds = serve('diagnostics-backend-rds-no-db', 'backend-rds', {
    PORT: String(rdsPort),
    DATABASE_URL: `postgresql://bookstore:${DB_PASSWORD}@127.0.0.1:${closedDbPort}/bookstore`,
    DATABASE_CONNECT_TIMEOUT_MS: '500',
    APP_VERSION: 'rds-under-test',
  });
  const redis = serve('diagnostics-backend-redis-own', 'backend-redis', {
    PORT: String(redisBackendPort),
    REDIS_URL: `redis://127.0.0.1:${redisPort}`,
    REDIS_KEY_PREFIX: `fe-diagnostics:${randomBytes(4).toString('hex')}:`,
    REDIS_CONNECT_TIMEOUT_MS: '500',
    REDIS_RECONNECT_MAX_DELAY_MS: '200',
    APP_VERSION: 'redis-under-test',
  });
  rdsWithoutDatabase = `http://127.0.0.1:${rdsPort}`;
  redisBackend = `http://127.0.0.1:${redisBackendPort}`;
  await Promise.all([waitForReady(`${rdsWithoutDatabase}/healthz`, rds), waitForReady(`${redisBackend}/readyz`, redis)]);

  blackHole = net.createServer((socket) => blackHoleSockets.add(socket));
  await new Promise<void>((resolve) => blackHole.listen(0, '127.0.0.1', resolve));
  blackHoleUrl = `http://127.0.0.1:${(blackHole.address() as net.AddressInfo).port}`;
}, 90_000);

afterAll(async () => {
  await Promise.all(shops.map((shop) => shop.close()));
  await Promise.all(children.map((child) => child.stop()));
  redisServer?.kill('SIGKILL');
  for (const socket of blackHoleSockets) socket.destroy();
  await new Promise((resolve) => blackHole.close(resolve));
});

function shopWith(options: Parameters<typeof buildDiagnosticsShop>[0]): DiagnosticsShop {
  const shop = buildDiagnosticsShop({ timeoutMs: HOP_TIMEOUT_MS, ...options });
  shops.push(shop);
  return shop;
}

async function page(shop: DiagnosticsShop, query = ''): Promise<{ $: Html; text: string; ms: number }> {
  const started = Date.now();
  const res = await shop.request.get(`/diagnostics${query}`).set(NGINX_HEADERS).expect(200);
  return { $: parseHtml(res.text), text: res.text, ms: Date.now() - started };
}

const row = ($: Html, id: string) => $(`[data-hop="${id}"]`);
const statusOf = ($: Html, id: string) => row($, id).attr('data-status');
const causeOf = ($: Html, id: string) => row($, id).find('[data-failure]').attr('data-failure');

function expectNoSecrets(text: string, shop: DiagnosticsShop): void {
  expect(text).not.toContain(DB_PASSWORD);
  expect(text).not.toContain(shop.stack.serviceToken);
  expect(text).not.toContain('postgresql://');
  expect(text).not.toMatch(/bookstore:[^/\s]*@/);
}

describe('backend-rds with its database on a closed port', () => {
  let shop: DiagnosticsShop;
  beforeAll(() => {
    shop = shopWith({ rdsUrl: rdsWithoutDatabase });
  });

  test('frontend → backend-rds is OK; backend-rds → PostgreSQL is failing: refused, with what to check', async () => {
    const { $, text } = await page(shop);
    expect(statusOf($, 'backend-rds')).toBe('ok');
    expect(row($, 'backend-rds').find('[data-fact="version"] dd').text()).toBe('rds-under-test');
    expect(statusOf($, 'postgresql')).toBe('failing');
    expect(causeOf($, 'postgresql')).toBe('connection_refused');
    expect(row($, 'postgresql').find('.hop__checks li').text()).toMatch(/security group/);
    expect(row($, 'postgresql').find('[data-fact="endpoint"] dd').text()).toMatch(/^127\.0\.0\.1:\d+$/);
    expect($('[data-headline]').text()).toBe('1 hop failing: backend-rds → PostgreSQL');
    // The rest of the shop is unaffected.
    expect(statusOf($, 'redis')).toBe('ok');
    expectNoSecrets(text, shop);
  });

  test('the JSON says the same, without the password either', async () => {
    const res = await shop.request.get('/diagnostics.json?hop=rds').expect(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.hops.find((hop: { id: string }) => hop.id === 'postgresql').failure.code).toBe('connection_refused');
    expectNoSecrets(res.text, shop);
  });

  test.each(['/test_rds', '/test_rds/'])('%s gives the Django 500 contract: { error, details }', async (url) => {
    const res = await shop.request.get(url).expect(500);
    expect(Object.keys(res.body).sort()).toEqual(['details', 'error']);
    expect(res.body.error).toBe('Backend RDS could not connect to PostgreSQL');
    expect(res.body.details).toMatch(/refused/);
    expectNoSecrets(res.text, shop);
  });
});

test('backend-redis whose Redis the test stops: green, then refused, and /test_redis/ is a 500', async () => {
  const shop = shopWith({ redisUrl: redisBackend });
  let { $ } = await page(shop, '?hop=redis');
  expect(statusOf($, 'redis')).toBe('ok');
  expect(row($, 'backend-redis').find('[data-fact="version"] dd').text()).toBe('redis-under-test');
  expect(row($, 'redis').find('[data-fact="endpoint"] dd').text()).toBe(`127.0.0.1:${redisPort}`);

  const exited = new Promise((resolve) => redisServer?.once('exit', resolve));
  redisServer?.kill('SIGKILL');
  await exited;
  expect(await answersPing(redisPort)).toBe(false);

  const after = await page(shop, '?hop=redis');
  $ = after.$;
  const ms = after.ms;
  expect(statusOf($, 'backend-redis')).toBe('ok');
  expect(statusOf($, 'redis')).toBe('failing');
  expect(causeOf($, 'redis')).toBe('connection_refused');
  expect(row($, 'redis').find('[data-summary]').text()).toContain(`127.0.0.1:${redisPort}`);
  expect(ms).toBeLessThan(HOP_TIMEOUT_MS + 2000);

  const django = await shop.request.get('/test_redis/').expect(500);
  expect(Object.keys(django.body).sort()).toEqual(['details', 'error']);
  expect(django.body.error).toBe('Backend Redis could not connect to Redis');
});

test('a backend that accepts the connection and never answers: timeout, and the page answers within its timeout', async () => {
  const shop = shopWith({ rdsUrl: blackHoleUrl });
  const { $, ms } = await page(shop);
  expect(statusOf($, 'backend-rds')).toBe('failing');
  expect(causeOf($, 'backend-rds')).toBe('timeout');
  expect(row($, 'backend-rds').find('.hop__checks').text()).toMatch(/security group/);
  expect(statusOf($, 'postgresql')).toBe('untested');
  expect(ms).toBeLessThan(HOP_TIMEOUT_MS + 2000);
  const django = await shop.request.get('/test_rds').expect(500);
  expect(django.body.error).toBe('Could not connect to Backend RDS');
});

test('a wrong service token: the backend hop says SERVICE_TOKEN, the store hop still comes from /test_connection', async () => {
  const shop = shopWith({ serviceToken: 'a-wrong-service-token-0123456789' });
  const { $, text } = await page(shop);
  for (const backend of ['backend-rds', 'backend-redis']) {
    expect(statusOf($, backend)).toBe('failing');
    expect(causeOf($, backend)).toBe('service_token_rejected');
    expect(row($, backend).text()).toMatch(/SERVICE_TOKEN/);
  }
  expect(statusOf($, 'postgresql')).toBe('ok');
  expect(statusOf($, 'redis')).toBe('ok');
  expect(text).not.toContain('a-wrong-service-token-0123456789');
  const django = await shop.request.get('/test_rds/').expect(500);
  expect(django.body.details).toMatch(/SERVICE_TOKEN/);
});

test('a backend that is not running: refused at the frontend, the next hop not tested', async () => {
  const shop = shopWith({ rdsUrl: `http://127.0.0.1:${await freePort()}` });
  const { $ } = await page(shop, '?hop=rds');
  expect(causeOf($, 'backend-rds')).toBe('connection_refused');
  expect(row($, 'backend-rds').find('.hop__checks').text()).toMatch(/running/);
  expect(statusOf($, 'postgresql')).toBe('untested');
});

test('a backend host name that does not resolve: a DNS failure naming BACKEND_REDIS_URL', async () => {
  const shop = shopWith({ redisUrl: 'http://no-such-backend.invalid:8002' });
  const { $ } = await page(shop, '?hop=redis');
  expect(causeOf($, 'backend-redis')).toBe('dns_failure');
  expect(row($, 'backend-redis').find('[data-summary]').text()).toMatch(/no-such-backend\.invalid.*BACKEND_REDIS_URL/);
});
