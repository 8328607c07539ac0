import http from 'node:http';
import net from 'node:net';
import { buildDiagnosticsShop, NGINX_HEADERS, TEST_FRONTEND_VERSION, type DiagnosticsShop } from './diagnostics-shop';
import { parseHtml, textOf, textsOf, type Html } from './html';

/** /diagnostics on the run's healthy stack: every hop green, the facts a learner needs. */
let shop: DiagnosticsShop;
beforeAll(() => {
  shop = buildDiagnosticsShop();
});
afterAll(() => shop.close());

const hopRow = ($: Html, id: string) => $(`[data-hop="${id}"]`);
const statusOf = ($: Html, id: string) => hopRow($, id).attr('data-status');
const factOf = ($: Html, id: string, name: string) => hopRow($, id).find(`[data-fact="${name}"] dd`).text().trim();

describe('every hop answers', () => {
  let $: Html;
  beforeAll(async () => {
    const res = await shop.request.get('/diagnostics').set(NGINX_HEADERS).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    $ = parseHtml(res.text);
  });

  test('one row per hop, each OK, and the headline says so', () => {
    expect(textsOf($, '[data-hop] .hop__name')).toEqual([
      'nginx → frontend',
      'frontend → backend-rds',
      'backend-rds → PostgreSQL',
      'frontend → backend-redis',
      'backend-redis → Redis',
    ]);
    for (const id of ['nginx', 'backend-rds', 'postgresql', 'backend-redis', 'redis']) expect(statusOf($, id)).toBe('ok');
    expect(textsOf($, '[data-hop] .hop-badge')).toEqual(['OK', 'OK', 'OK', 'OK', 'OK']);
    expect(textOf($, '[data-headline]')).toBe('Every hop answers');
    expect($('[data-failure]')).toHaveLength(0);
  });

  test('the database host and TLS, the Redis endpoint, mode and TLS, and each service\'s version', () => {
    const rds = new URL(shop.stack.rdsUrl);
    expect(factOf($, 'backend-rds', 'address')).toBe(`${rds.hostname}:${rds.port}`);
    expect(factOf($, 'backend-rds', 'version').length).toBeGreaterThan(0);
    expect(factOf($, 'postgresql', 'endpoint')).toBe('127.0.0.1:5432');
    expect(factOf($, 'postgresql', 'tls')).toBe('off');
    expect(factOf($, 'redis', 'endpoint')).toBe('127.0.0.1:6379');
    expect(factOf($, 'redis', 'mode')).toBe('standalone');
    expect(factOf($, 'redis', 'tls')).toBe('off');
    const servedBy = textOf($, '[data-served-by]');
    expect(servedBy).toContain(TEST_FRONTEND_VERSION);
    expect(servedBy).toContain('not on EC2');
  });

  test('the nginx hop shows the path and the request id nginx gave', () => {
    expect(factOf($, 'nginx', 'path')).toBe('browser → nginx → frontend');
    expect(factOf($, 'nginx', 'requestId')).toBe(NGINX_HEADERS['X-Request-Id']);
    expect(factOf($, 'nginx', 'clientAddress')).toBe('203.0.113.7');
  });

  test('"Test again" works without JavaScript: GET forms, one per group and one for all', () => {
    const forms = $('form[data-test-again]');
    expect(forms.map((_i, form) => $(form).attr('method')).get()).toEqual(['get', 'get', 'get', 'get']);
    expect($('form[data-test-again="all"]').attr('action')).toBe('/diagnostics');
    expect($('form[data-test-again="redis"]').attr('action')).toBe('/diagnostics#hop-redis');
    expect($('form[data-test-again="redis"] input[name="hop"]').attr('value')).toBe('redis');
  });

  test('the refresh script comes from our origin with the page\'s nonce, and no inline handler exists', () => {
    const script = $('script[src^="/static/js/diagnostics.js"]');
    expect(script).toHaveLength(1);
    expect(script.attr('nonce')?.length).toBeGreaterThan(10);
    expect($('[onclick], [onsubmit], [onload]')).toHaveLength(0);
  });
});

test('a request that did not come through nginx is a warning saying how to reach the shop', async () => {
  const $ = parseHtml((await shop.request.get('/diagnostics').expect(200)).text);
  expect(statusOf($, 'nginx')).toBe('warning');
  expect(hopRow($, 'nginx').find('[data-failure]').attr('data-failure')).toBe('not_through_nginx');
  expect(hopRow($, 'nginx').text()).toMatch(/port 8000/);
});

test('behind the load balancer the path says so', async () => {
  const res = await shop.request.get('/diagnostics.json?hop=nginx').set({ ...NGINX_HEADERS, 'X-Amzn-Trace-Id': 'Root=1-abc' }).expect(200);
  const nginx = res.body.hops.find((hop: { id: string }) => hop.id === 'nginx');
  expect(nginx.facts.find((f: { name: string }) => f.name === 'path').value).toBe('browser → load balancer → nginx → frontend');
});

test('?hop=redis tests that group only; the others are shown as not tested', async () => {
  const $ = parseHtml((await shop.request.get('/diagnostics?hop=redis').set(NGINX_HEADERS).expect(200)).text);
  expect(statusOf($, 'redis')).toBe('ok');
  expect(statusOf($, 'backend-redis')).toBe('ok');
  expect(statusOf($, 'postgresql')).toBe('untested');
  expect(statusOf($, 'nginx')).toBe('untested');
  expect(textOf($, '[data-headline]')).toBe('Every tested hop answers');
});

test('/diagnostics.json: the same report for scripts', async () => {
  const res = await shop.request.get('/diagnostics.json').set(NGINX_HEADERS).expect(200).expect('Content-Type', /json/);
  expect(res.body.ok).toBe(true);
  expect(res.body.tested).toEqual(['nginx', 'rds', 'redis']);
  expect(res.body.hops.map((hop: { id: string }) => hop.id)).toEqual(['nginx', 'backend-rds', 'postgresql', 'backend-redis', 'redis']);
  for (const hop of res.body.hops.slice(1)) expect(hop.latencyMs).toBeGreaterThanOrEqual(0);
  expect(res.body.servedBy).toMatchObject({ version: TEST_FRONTEND_VERSION, instanceId: null });
});

test('an unknown hop is a 400, not a run', async () => {
  await shop.request.get('/diagnostics.json?hop=mysql').expect(400);
  await shop.request.get('/diagnostics?hop=redis&hop=rds').expect(400);
});

test.each(['/test_rds', '/test_rds/'])('%s answers the Django contract when all is well', async (path) => {
  const res = await shop.request.get(path).expect(200);
  expect(res.body.message).toBe('Connection to Backend RDS is successful!');
  expect(res.body.latencyMs).toBeGreaterThanOrEqual(0);
});

test.each(['/test_redis', '/test_redis/'])('%s answers the Django contract when all is well', async (path) => {
  const res = await shop.request.get(path).expect(200);
  expect(res.body.message).toBe('Connection to Backend Redis is successful!');
});

test('the frontend\'s public /readyz reveals no host or port', async () => {
  const res = await shop.request.get('/readyz').expect(200);
  expect(res.text).not.toMatch(/127\.0\.0\.1|:\d{4}/);
});

describe('the EC2 instance, from a fake instance metadata service (IMDSv2) on 127.0.0.1', () => {
  const seen: string[] = [];
  let server: http.Server;
  let metadataUrl: string;
  beforeAll(async () => {
    const TOKEN = 'fake-imds-token';
    server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (req.method === 'PUT' && req.url === '/latest/api/token') {
        res.end(req.headers['x-aws-ec2-metadata-token-ttl-seconds'] ? TOKEN : '');
        return;
      }
      if (req.headers['x-aws-ec2-metadata-token'] !== TOKEN) {
        res.statusCode = 401;
        res.end();
        return;
      }
      const answers: Record<string, string> = {
        '/latest/meta-data/instance-id': 'i-0abc1234def567890',
        '/latest/meta-data/placement/availability-zone': 'eu-west-1b',
        '/latest/meta-data/instance-type': 't3.micro',
      };
      const answer = answers[req.url ?? ''];
      res.statusCode = answer ? 200 : 404;
      res.end(answer ?? '');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    metadataUrl = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  test('the instance id and zone are shown, asked with a token first and only once per process', async () => {
    const withMetadata = buildDiagnosticsShop({ metadataUrl });
    try {
      const $ = parseHtml((await withMetadata.request.get('/diagnostics?hop=nginx').set(NGINX_HEADERS).expect(200)).text);
      const servedBy = textOf($, '[data-served-by]');
      expect(servedBy).toContain('i-0abc1234def567890');
      expect(servedBy).toContain('eu-west-1b');
      expect(servedBy).toContain('t3.micro');
      expect(seen[0]).toBe('PUT /latest/api/token');
      const asked = seen.length;
      await withMetadata.request.get('/diagnostics.json?hop=nginx').expect(200);
      expect(seen.length).toBe(asked);
    } finally {
      await withMetadata.close();
    }
  });
});

test('a metadata service that never answers costs the page its short timeout once, then nothing', async () => {
  const sockets = new Set<net.Socket>();
  let requests = 0;
  const silent = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('data', () => (requests += 1));
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  const metadataUrl = `http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`;
  const offAws = buildDiagnosticsShop({ metadataUrl, metadataTimeoutMs: 200 });
  try {
    const first = await offAws.request.get('/diagnostics.json?hop=nginx').expect(200);
    expect(first.body.servedBy.instanceId).toBeNull();
    expect(requests).toBe(1);
    await offAws.request.get('/diagnostics.json?hop=nginx').expect(200);
    expect(requests).toBe(1);
  } finally {
    await offAws.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => silent.close(resolve));
  }
});
