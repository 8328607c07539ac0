// `npm run verify` (.ci/verify/verify.mjs) against stand-in shops, for what the local
// rehearsal cannot show: stage 3's managed stores over TLS, a closed diagnostics page, bad
// arguments. (The stage 2 checks against a real shop: stage2-rehearsal.test.ts.)
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { repoPath } from '../src/repo';

let diagnostics: { status: number; body: unknown };
let server: Server;
let base: string;

const hop = (id: string, from: string, to: string, facts: Record<string, string> = {}) => ({
  id,
  from,
  to,
  status: 'ok',
  latencyMs: 1,
  summary: 'ok',
  failure: null,
  facts: Object.entries(facts).map(([name, value]) => ({ name, label: name, value })),
});

function report(postgres: Record<string, string>, redis: Record<string, string>) {
  return {
    ok: true,
    hops: [
      hop('nginx', 'nginx', 'frontend'),
      hop('backend-rds', 'frontend', 'backend-rds'),
      hop('postgresql', 'backend-rds', 'PostgreSQL', postgres),
      hop('backend-redis', 'frontend', 'backend-redis'),
      hop('redis', 'backend-redis', 'Redis', redis),
    ],
    servedBy: { hostName: 'stand-in', instanceId: null },
  };
}

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === '/healthz' || req.url === '/readyz') return void res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    if (req.url?.startsWith('/diagnostics.json')) {
      return void res.writeHead(diagnostics.status, { 'content-type': 'application/json' }).end(JSON.stringify(diagnostics.body));
    }
    res.writeHead(404).end('not here');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function verify(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [repoPath('.ci', 'verify', 'verify.mjs'), ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

test('stage 1: every hop ok passes, exit 0', async () => {
  diagnostics = { status: 200, body: report({ endpoint: 'postgres:5432', tls: 'off' }, { endpoint: 'redis:6379', tls: 'off' }) };
  const { code, output } = await verify('--stage', '1', '--url', base);
  expect(output).toContain('stage 1: all 7 checks passed');
  expect(code).toBe(0);
});

test('stage 1: a failing hop fails with its own checks as the fix', async () => {
  const body = report({ endpoint: 'postgres:5432', tls: 'off' }, { endpoint: 'redis:6379', tls: 'off' });
  body.hops[4] = { ...body.hops[4]!, status: 'failing', summary: 'Redis refused the password (WRONGPASS).', failure: { code: 'auth_failed', summary: 'WRONGPASS', checks: ['REDIS_PASSWORD must match.'] } } as never;
  diagnostics = { status: 200, body };
  const { code, output } = await verify('--stage', '1', '--url', base);
  expect(output).toContain('FAIL  hop backend-redis → Redis: failing: Redis refused the password (WRONGPASS).');
  expect(output).toContain('      fix: REDIS_PASSWORD must match.');
  expect(code).toBe(1);
});

test('stage 1: diagnostics closed (404) names DIAGNOSTICS_ACCESS', async () => {
  diagnostics = { status: 404, body: { error: { code: 'page_not_found' } } };
  const { code, output } = await verify('--stage', '1', '--url', base);
  expect(output).toContain('FAIL  /diagnostics.json answers: HTTP 404');
  expect(output).toContain('DIAGNOSTICS_ACCESS');
  expect(code).toBe(1);
});

test('stage 3: RDS and ElastiCache endpoints with TLS on pass; the stand-in has no shop pages, so stage 2 fails', async () => {
  diagnostics = {
    status: 200,
    body: report(
      { endpoint: 'bookstore-db.c9akciq32.us-east-1.rds.amazonaws.com:5432', tls: 'on (TLSv1.3)' },
      { endpoint: 'master.bookstore-redis.abc123.use1.cache.amazonaws.com:6379', tls: 'on' },
    ),
  };
  const { code, output } = await verify('--stage', '3', '--url', base, '--tries', '2');
  expect(output).toContain('PASS  PostgreSQL is RDS, over TLS: bookstore-db.c9akciq32.us-east-1.rds.amazonaws.com:5432, TLS on (TLSv1.3)');
  expect(output).toContain('PASS  Redis is ElastiCache, over TLS: master.bookstore-redis.abc123.use1.cache.amazonaws.com:6379, TLS on');
  expect(output).toContain('FAIL  pages are answered by at least 2 instances: 2/2 answers from 1 instance(s): stand-in ×2');
  expect(output).toMatch(/FAIL {2}a throwaway account registers and adds a book to its cart: GET \/register answered 404/);
  expect(code).toBe(1);
});

test('stage 3: an RDS endpoint without TLS fails, with the TLS fix', async () => {
  diagnostics = {
    status: 200,
    body: report({ endpoint: 'bookstore-db.c9akciq32.us-east-1.rds.amazonaws.com:5432', tls: 'off' }, { endpoint: 'master.x.use1.cache.amazonaws.com:6379', tls: 'off' }),
  };
  const { output } = await verify('--stage', '3', '--url', base, '--tries', '2');
  expect(output).toContain('FAIL  PostgreSQL is RDS, over TLS: bookstore-db.c9akciq32.us-east-1.rds.amazonaws.com:5432, TLS off');
  expect(output).toContain('fix: set DATABASE_CA_CERT_PATH=/certs/global-bundle.pem');
  expect(output).toContain('fix: REDIS_URL must start with rediss://');
});

test.each([
  [['--url', 'http://x'], '--stage must be 1, 2 or 3'],
  [['--stage', '2'], '--url must be http(s)://<address>'],
  [['--stage', '2', '--url', 'http://x', '--tries', '1'], '--tries must be an integer ≥ 2'],
  [['--stage', '2', '--url', 'http://x', '--colour'], 'unknown argument --colour'],
])('bad arguments %j: usage, exit 1', async (args, message) => {
  const { code, output } = await verify(...args);
  expect(output).toContain(message);
  expect(output).toContain('usage: npm run verify --');
  expect(code).toBe(1);
});
