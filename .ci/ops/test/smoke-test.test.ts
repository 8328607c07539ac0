// The post-deploy smoke test (.github/workflows/scripts/smoke-test.mjs) against stand-in
// shops: green only when /healthz, /readyz and /diagnostics.json all are, every hop ok.
import { execFile } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { repoPath } from '../src/repo';

type Answers = Record<string, { status: number; body: unknown }>;
let answers: Answers;
let served = 0;
/** How many more /readyz requests answer 503 before the answers above apply. */
let warmingUp = 0;
let server: Server;
let base: string;

const green = (): Answers => ({
  '/healthz': { status: 200, body: { status: 'ok' } },
  '/readyz': { status: 200, body: { status: 'ready' } },
  '/diagnostics.json': {
    status: 200,
    body: { hops: [{ name: 'nginx → frontend', ok: true }, { name: 'frontend → backend-redis', ok: true, store: { check: { ok: true } } }] },
  },
});

beforeAll(async () => {
  server = createServer((req, res) => {
    served += 1;
    if (req.url === '/readyz' && warmingUp > 0) {
      warmingUp -= 1;
      res.writeHead(503, { 'content-type': 'application/json' }).end('{"status":"not_ready"}');
      return;
    }
    const answer = answers[req.url!] ?? { status: 404, body: { error: 'not found' } };
    res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});

afterAll(() => new Promise((resolve) => server.close(resolve)));

function smoke(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('node', [repoPath('.github', 'workflows', 'scripts', 'smoke-test.mjs'), base, '--interval', '0', ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

test('all green: passes', async () => {
  answers = green();
  const { code, output } = await smoke('--attempts', '1');
  expect(output).toContain('smoke test passed');
  expect(code).toBe(0);
});

test('a hop not ok anywhere in /diagnostics.json fails, naming the hop and its cause', async () => {
  answers = green();
  answers['/diagnostics.json']!.body = {
    hops: [{ name: 'nginx → frontend', ok: true }, { name: 'frontend → backend-redis', ok: false, failure: { code: 'tls_error', summary: 'TLS handshake failed' } }],
  };
  const { code, output } = await smoke('--attempts', '1');
  expect(code).toBe(1);
  expect(output).toMatch(/FAIL .*\/diagnostics\.json: hops\[1\] not ok \(frontend → backend-redis: tls_error: TLS handshake failed\)/);
});

test.each([
  ['/diagnostics.json missing', (a: Answers) => delete a['/diagnostics.json']],
  ['/readyz 503', (a: Answers) => (a['/readyz'] = { status: 503, body: { status: 'not_ready' } })],
  ['no hop says whether it is ok', (a: Answers) => (a['/diagnostics.json']!.body = { hops: [] })],
])('%s: fails', async (_, breakIt) => {
  answers = green();
  breakIt(answers);
  const { code, output } = await smoke('--attempts', '1');
  expect(code).toBe(1);
  expect(output).toContain('smoke test FAILED');
});

test('retries until the shop turns green (instances still warming up)', async () => {
  answers = green();
  warmingUp = 2;
  served = 0;
  const { code, output } = await new Promise<{ code: number; output: string }>((resolve) => {
    execFile('node', [repoPath('.github', 'workflows', 'scripts', 'smoke-test.mjs'), base, '--attempts', '40', '--interval', '0.05'], (error, stdout) =>
      resolve({ code: error ? Number(error.code) : 0, output: stdout }),
    );
  });
  expect(output).toMatch(/not green yet/);
  expect(code).toBe(0);
  expect(served).toBeGreaterThan(3);
});

test('a base URL that is not http(s) is a usage error', async () => {
  const result = await new Promise<number>((resolve) => {
    execFile('node', [repoPath('.github', 'workflows', 'scripts', 'smoke-test.mjs'), 'shop.example'], (error) => resolve(error ? Number(error.code) : 0));
  });
  expect(result).toBe(2);
});
