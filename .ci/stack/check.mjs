// Health checks of a running stack, from the outside, the way a load balancer and a learner
// would probe it. Used by `node .ci/stack.mjs --check`; e2e tests can reuse it.
import { randomBytes } from 'node:crypto';

async function get(url, headers = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(5_000) });
  const text = await res.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = text;
  }
  return { status: res.status, headers: res.headers, body };
}

/**
 * Runs each check and returns [{ name, ok, detail }]. With nginx: its own /healthz, then
 * /readyz through it (frontend → both backends → PostgreSQL and Redis) with a request id
 * that must come back unchanged, real pages (home, a book) rendered from both backends,
 * static files with their caching and gzip, and a request id nginx must invent when the
 * client sends none.
 */
export async function checkStack(urls) {
  const checks = [];
  const record = async (name, probe) => {
    try {
      const detail = await probe();
      checks.push({ name, ok: true, detail });
    } catch (err) {
      checks.push({ name, ok: false, detail: err.message });
    }
  };
  const expect = (condition, message) => {
    if (!condition) throw new Error(message);
  };

  await record('backend-rds /test_connection (PostgreSQL)', async () => {
    const res = await get(`${urls.backendRds}/test_connection`);
    expect(res.status === 200, `HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return `${res.body.latencyMs} ms`;
  });
  await record('backend-redis /test_connection (Redis)', async () => {
    const res = await get(`${urls.backendRedis}/test_connection`);
    expect(res.status === 200, `HTTP ${res.status} ${JSON.stringify(res.body)}`);
    return `${res.body.latencyMs} ms`;
  });
  const entry = urls.http ?? urls.frontend;
  const via = urls.http ? 'nginx' : 'frontend (no nginx)';
  if (urls.http) {
    await record('nginx /healthz (answered by nginx)', async () => {
      const res = await get(`${urls.http}/healthz`);
      expect(res.status === 200 && res.body?.status === 'ok', `HTTP ${res.status} ${JSON.stringify(res.body)}`);
      expect(!res.headers.get('x-request-id'), 'the frontend answered, not nginx');
      return 'ok';
    });
  }
  await record(`${via} → frontend /readyz → both backends`, async () => {
    const requestId = `stack-check-${randomBytes(6).toString('hex')}`;
    const res = await get(`${entry}/readyz`, { 'X-Request-Id': requestId });
    expect(res.status === 200, `HTTP ${res.status} ${JSON.stringify(res.body)}`);
    const echoed = res.headers.get('x-request-id');
    expect(echoed === requestId, `request id ${requestId} came back as ${echoed}`);
    return `request id ${requestId} kept`;
  });
  await record(`${via} → frontend GET / (the home page, rendered from both backends)`, async () => {
    const res = await fetch(`${entry}/`, { signal: AbortSignal.timeout(10_000) });
    const html = await res.text();
    expect(res.status === 200, `HTTP ${res.status}`);
    expect(/text\/html/.test(res.headers.get('content-type') ?? ''), `content-type ${res.headers.get('content-type')}`);
    expect(html.includes('Bestsellers this week') || html.includes('New arrivals'), 'no book shelves on the home page');
    const nonce = /'nonce-([^']+)'/.exec(res.headers.get('content-security-policy') ?? '')?.[1];
    expect(nonce && html.includes(`nonce="${nonce}"`), 'no CSP nonce, or the page scripts do not carry it');
    return `${html.length} bytes, CSP nonce present`;
  });
  await record(`${via} → frontend GET /books/pride-and-prejudice (a book page)`, async () => {
    const res = await fetch(`${entry}/books/pride-and-prejudice`, { signal: AbortSignal.timeout(10_000) });
    const html = await res.text();
    expect(res.status === 200, `HTTP ${res.status}`);
    expect(html.includes('application/ld+json') && html.includes('Pride and Prejudice'), 'no title or JSON-LD');
    return 'title and JSON-LD present';
  });
  if (urls.http) {
    await record('nginx serves /static/ with one long-lived Cache-Control and gzip', async () => {
      const home = await (await fetch(`${urls.http}/`, { signal: AbortSignal.timeout(10_000) })).text();
      const css = /href="(\/static\/css\/[^"]+)"/.exec(home)?.[1];
      expect(css, 'the home page links no stylesheet under /static/');
      const res = await fetch(`${urls.http}${css.replaceAll('&amp;', '&')}`, {
        headers: { 'Accept-Encoding': 'gzip' },
        signal: AbortSignal.timeout(5_000),
      });
      await res.arrayBuffer();
      expect(res.status === 200, `${css}: HTTP ${res.status}`);
      const cacheControl = res.headers.get('cache-control') ?? '';
      expect(/max-age=\d{6,}/.test(cacheControl), `Cache-Control: ${cacheControl}`);
      expect(cacheControl.split('max-age').length === 2, `more than one Cache-Control: ${cacheControl}`);
      expect(res.headers.get('content-encoding') === 'gzip', `Content-Encoding: ${res.headers.get('content-encoding')}`);
      return `${css}: ${cacheControl}, gzip`;
    });
    await record('nginx assigns a request id when the client sends none', async () => {
      const res = await get(`${urls.http}/readyz`);
      const assigned = res.headers.get('x-request-id');
      expect(/^[0-9a-f]{32}$/.test(assigned ?? ''), `got ${assigned}`);
      return assigned;
    });
  }
  return checks;
}
