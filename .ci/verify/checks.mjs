// The checks of `npm run verify`, stage by stage. Each returns lines of
// { ok, name, detail, fix }: what was found and, when it failed, what to try.
import { randomBytes } from 'node:crypto';
import { Shopper } from './shopper.mjs';

async function getJson(url, timeoutMs) {
  const response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(timeoutMs) });
  const text = await response.text();
  let body;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, body, text };
}

const reason = (err) => err.cause?.code ?? (err.name === 'TimeoutError' ? 'timed out' : err.message);

/** Which instance answered a /diagnostics.json: the EC2 instance id, else the host name. */
export const instanceOf = (report) => report?.servedBy?.instanceId ?? report?.servedBy?.hostName ?? 'unknown';

/** Stage 1 and up: /healthz, /readyz and /diagnostics.json with every hop ok. */
export async function checkHealth({ url, timeoutMs }) {
  const lines = [];
  for (const [path, fix] of [
    ['/healthz', 'nothing answers on port 80: is the instance running, does its security group (or the ALB\'s) admit port 80 from your address, did user data finish (sudo tail /var/log/cloud-init-output.log)?'],
    ['/readyz', 'nginx answers but the frontend or a backend is not ready: open /diagnostics (it names the failing hop), or sudo docker compose ps and docker logs on the instance'],
  ]) {
    try {
      const answer = await getJson(`${url}${path}`, timeoutMs);
      lines.push({ ok: answer.status === 200, name: `${path} answers 200`, detail: `HTTP ${answer.status}`, fix });
    } catch (err) {
      lines.push({ ok: false, name: `${path} answers 200`, detail: reason(err), fix });
    }
  }
  let report;
  try {
    const answer = await getJson(`${url}/diagnostics.json`, timeoutMs);
    if (answer.status === 200 && answer.body?.hops) report = answer.body;
    else {
      lines.push({
        ok: false,
        name: '/diagnostics.json answers',
        detail: `HTTP ${answer.status}`,
        fix: answer.status === 404 ? 'DIAGNOSTICS_ACCESS is admin or off: set it to public in bookstore.env while you follow the course (then redeploy)' : 'look at the frontend log for this request',
      });
    }
  } catch (err) {
    lines.push({ ok: false, name: '/diagnostics.json answers', detail: reason(err), fix: 'the frontend does not answer in time: its log (docker logs bookstore-frontend-1)' });
  }
  if (report) {
    for (const hop of report.hops) {
      const checks = hop.failure?.checks?.join(' ') ?? '';
      lines.push({
        ok: hop.status === 'ok',
        name: `hop ${hop.from} → ${hop.to}`,
        detail: hop.status === 'ok' ? `ok${hop.latencyMs === null ? '' : ` (${hop.latencyMs} ms)`}` : `${hop.status}: ${hop.summary}`,
        fix: checks || `open ${url}/diagnostics for details`,
      });
    }
  }
  return { lines, report };
}

/** Stage 2: `tries` answers of /diagnostics.json through the load balancer, from `minInstances` (2) or more instances. */
export async function checkInstances({ url, tries, timeoutMs, minInstances }) {
  const seen = new Map();
  for (let i = 0; i < tries; i += 1) {
    try {
      const answer = await getJson(`${url}/diagnostics.json?hop=nginx`, timeoutMs);
      if (answer.status === 200) {
        const instance = instanceOf(answer.body);
        seen.set(instance, (seen.get(instance) ?? 0) + 1);
      }
    } catch {
      // counted as no answer
    }
  }
  const answered = [...seen.values()].reduce((sum, count) => sum + count, 0);
  const spread = [...seen].map(([instance, count]) => `${instance} ×${count}`).join(', ');
  return {
    instances: [...seen.keys()],
    lines: [
      {
        ok: seen.size >= minInstances,
        name: `pages are answered by at least ${minInstances} instance${minInstances === 1 ? '' : 's'}`,
        detail: `${answered}/${tries} answers from ${seen.size} instance(s)${spread ? `: ${spread}` : ''}`,
        fix: 'EC2 → Target groups → bookstore-app-tg → Targets: both instances healthy? the Auto Scaling group\'s desired capacity 2? the ALB\'s stickiness off (target group attributes)?',
      },
    ],
  };
}

/**
 * Stage 2: a throwaway account registers and adds a book (or, with `saved`, the session of an
 * earlier run is taken up again), then `tries` reads of /cart must all show both.
 */
export async function checkSessionAndCart({ url, tries, timeoutMs, saved }) {
  const lines = [];
  const customer = new Shopper(url, timeoutMs, saved);
  const step = saved ? 'the session of the earlier run is taken up' : 'a throwaway account registers and adds a book to its cart';
  try {
    if (!saved) {
      const name = `Verify ${randomBytes(3).toString('hex')}`;
      const email = `verify-${Date.now()}-${randomBytes(4).toString('hex')}@example.com`;
      await customer.register({ name, email, password: randomBytes(12).toString('hex') });
      customer.expectedName = name;
      customer.expectedBookId = await customer.addFirstBookInStock();
    }
    lines.push({ ok: true, name: step, detail: `${customer.expectedName}, book ${customer.expectedBookId}` });
  } catch (err) {
    lines.push({
      ok: false,
      name: step,
      detail: reason(err),
      fix: 'a 403 usually means the CSRF cookie was not kept between two instances: COOKIE_SECRET must be the same on every instance (one bookstore.env); a 503, that backend-redis cannot reach Redis',
    });
    return { lines, shopper: customer };
  }
  const problems = [];
  let firstCart;
  for (let i = 0; i < tries; i += 1) {
    try {
      const cart = await customer.readCart();
      const lines = JSON.stringify(cart.lines);
      firstCart ??= lines;
      if (cart.signedInName !== customer.expectedName) problems.push(`read ${i + 1}: signed in as ${cart.signedInName ?? 'nobody'}`);
      else if (!cart.lines.some((line) => line.bookId === customer.expectedBookId)) problems.push(`read ${i + 1}: the cart lacks book ${customer.expectedBookId}`);
      else if (lines !== firstCart) problems.push(`read ${i + 1}: another cart (${lines}) than the first read's (${firstCart})`);
    } catch (err) {
      problems.push(`read ${i + 1}: ${reason(err)}`);
    }
  }
  lines.push({
    ok: problems.length === 0,
    name: `the session and the cart are the same on every answer (${tries} reads of /cart)`,
    detail: problems.length === 0 ? `signed in as ${customer.expectedName}, book ${customer.expectedBookId} in the cart every time` : problems.slice(0, 3).join('; '),
    fix: 'signed out or an empty cart on some answers: every instance needs the same REDIS_URL, REDIS_PASSWORD, SERVICE_TOKEN and COOKIE_SECRET (one bookstore.env for all, then an instance refresh)',
  });
  return { lines, shopper: customer };
}

// RDS endpoints end in .rds.amazonaws.com, ElastiCache's in .cache.amazonaws.com; any AWS
// name (a custom domain aside) is at least under amazonaws.com.
const AWS_HOST = /\.amazonaws\.com$/;
const NOT_MANAGED_FIX = {
  postgresql: 'DATABASE_URL in bookstore.env must name the RDS endpoint (<name>.<id>.<region>.rds.amazonaws.com), with DATABASE_CA_CERT_PATH=/certs/global-bundle.pem (docs/03-rds-elasticache.md, step 7); then an instance refresh',
  redis: 'REDIS_URL must be rediss://<primary endpoint>:6379 (<name>.<id>.<region>.cache.amazonaws.com) with REDIS_PASSWORD set to the AUTH token (docs/03-rds-elasticache.md, step 7); then an instance refresh',
};
const NO_TLS_FIX = {
  postgresql: 'set DATABASE_CA_CERT_PATH=/certs/global-bundle.pem and keep ?sslmode=… out of DATABASE_URL (docs/03-rds-elasticache.md, TLS)',
  redis: 'REDIS_URL must start with rediss:// (ElastiCache with in-transit encryption on)',
};

/** Stage 3: PostgreSQL and Redis are RDS and ElastiCache, reached over TLS. */
export function checkManagedStores(report) {
  return ['postgresql', 'redis'].map((kind) => {
    const label = kind === 'postgresql' ? 'PostgreSQL is RDS, over TLS' : 'Redis is ElastiCache, over TLS';
    const hop = report?.hops?.find((candidate) => candidate.id === kind);
    const fact = (name) => hop?.facts?.find((candidate) => candidate.name === name)?.value;
    const endpoints = (fact('endpoint') ?? '').split(',').map((text) => text.trim()).filter(Boolean);
    const hosts = endpoints.map((endpoint) => endpoint.replace(/:\d+$/, ''));
    const managed = hosts.length > 0 && hosts.every((host) => AWS_HOST.test(host));
    const tls = (fact('tls') ?? '').startsWith('on');
    return {
      ok: managed && tls,
      name: label,
      detail: hop ? `${endpoints.join(', ') || 'no endpoint shown'}, TLS ${fact('tls') ?? 'unknown'}` : 'no such hop in /diagnostics.json',
      fix: managed ? NO_TLS_FIX[kind] : NOT_MANAGED_FIX[kind],
    };
  });
}
