import type { Request } from 'express';
import { elapsedMs, type BackendDiagnostics, type StoreDiagnostics } from '@bookstore/common';
import { isBackendError, type BackendName } from '../backends/backend-error';
import { explainBackendFailure } from './backend-failure';
import { fact, untested, type DiagnosticsReport, type Hop, type HopFact, type HopGroup } from './report';
import type { DiagnosticsDeps } from './settings';

const STORE_NAMES = { postgresql: 'PostgreSQL', redis: 'Redis' } as const;

const header = (req: Request, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * nginx → frontend, seen from the frontend: nginx sets X-Forwarded-For and X-Request-Id on
 * every request it passes on (nginx/templates/bookstore.conf.template); an ALB in front adds
 * X-Amzn-Trace-Id. Its latency is measured by the page's script, from the browser.
 */
export function checkNginxHop(req: Request): Hop {
  const hop = { id: 'nginx', group: 'nginx', from: 'nginx', to: 'frontend' } as const;
  const forwardedFor = header(req, 'x-forwarded-for');
  const viaNginx = forwardedFor !== undefined && header(req, 'x-request-id') !== undefined;
  const viaLoadBalancer = header(req, 'x-amzn-trace-id') !== undefined;
  const path = viaNginx ? (viaLoadBalancer ? 'browser → load balancer → nginx → frontend' : 'browser → nginx → frontend') : 'browser → frontend';
  const facts: HopFact[] = [
    fact('path', 'Path', path),
    fact('clientAddress', 'Your address, as the shop sees it', req.ip ?? 'unknown'),
    fact('scheme', 'Scheme', req.protocol),
    fact('requestId', 'Request id', String(req.id)),
  ];
  if (viaNginx) {
    return { ...hop, status: 'ok', latencyMs: null, summary: `The request came through nginx${viaLoadBalancer ? ', behind the load balancer' : ''}.`, failure: null, facts };
  }
  return {
    ...hop,
    status: 'warning',
    latencyMs: null,
    summary: 'This request reached the frontend directly, not through nginx.',
    failure: {
      code: 'not_through_nginx',
      summary: 'No X-Forwarded-For and X-Request-Id from nginx on this request.',
      checks: [
        'Open the shop at nginx\'s address (port 80; npm start: 8080), not the frontend\'s port 8000.',
        'On AWS only nginx (port 80) or the load balancer should be open to the internet, never port 8000.',
      ],
    },
    facts,
  };
}

const endpointsText = (store: StoreDiagnostics) => store.endpoints.map((e) => `${e.host}:${e.port}`).join(', ');

function tlsText(store: StoreDiagnostics): string {
  const state = store.tls === true ? 'on' : store.tls === false ? 'off' : 'unknown';
  return store.tlsDetail ? `${state} (${store.tlsDetail})` : state;
}

function storeFacts(store: StoreDiagnostics): HopFact[] {
  const facts = [fact('endpoint', store.kind === 'redis' && store.mode === 'cluster' ? 'Seed nodes' : 'Endpoint', endpointsText(store))];
  if (store.mode) facts.push(fact('mode', 'Mode', store.mode));
  facts.push(fact('tls', 'TLS', tlsText(store)));
  if (store.replicaCount) facts.push(fact('replicas', 'Read replicas', store.replicaCount));
  return facts;
}

function storeHop(group: HopGroup, backend: BackendName, store: StoreDiagnostics): Hop {
  const name = STORE_NAMES[store.kind];
  const hop = { id: store.kind, group, from: backend, to: name, facts: storeFacts(store) } as const;
  if (store.check.ok) {
    const what = store.kind === 'redis' ? 'answered PING' : 'answered a query';
    return { ...hop, status: 'ok', latencyMs: store.check.latencyMs, summary: `${name} ${what}.`, failure: null };
  }
  return { ...hop, status: 'failing', latencyMs: store.check.latencyMs, summary: store.check.failure.summary, failure: store.check.failure };
}

/**
 * With the service token refused, the backend's public /test_connection still says whether
 * its store answers (in plain words, without its address): better than nothing.
 */
async function storeHopFromPublicCheck(req: Request, group: HopGroup, deps: DiagnosticsDeps): Promise<Hop> {
  const backend: BackendName = group === 'rds' ? 'backend-rds' : 'backend-redis';
  const kind = group === 'rds' ? 'postgresql' : 'redis';
  const hop = { id: kind, group, from: backend, to: STORE_NAMES[kind] } as const;
  const facts = [fact('hidden', 'Details', 'hidden until the service token matches')];
  const client = group === 'rds' ? req.backends.rds : req.backends.redis;
  try {
    const answer = await client.testConnection(deps.timeoutMs);
    return { ...hop, status: 'ok', latencyMs: answer.latencyMs, summary: `${STORE_NAMES[kind]} answers (from ${backend}'s public /test_connection).`, failure: null, facts };
  } catch (err) {
    if (!isBackendError(err, 500)) return untested(hop, `Not tested: ${backend} did not answer its public /test_connection either.`);
    const summary = typeof err.details === 'string' ? err.details : err.message;
    return { ...hop, status: 'failing', latencyMs: null, summary, failure: { code: 'store_failed', summary, checks: [] }, facts };
  }
}

/** frontend → backend, then backend → its store, from the backend's GET /diagnostics. */
export async function checkBackendGroup(req: Request, group: Exclude<HopGroup, 'nginx'>, deps: DiagnosticsDeps): Promise<Hop[]> {
  const backend: BackendName = group === 'rds' ? 'backend-rds' : 'backend-redis';
  const kind = group === 'rds' ? 'postgresql' : 'redis';
  const endpoint = deps.backendEndpoints[group];
  const address = fact('address', 'Address', `${endpoint.host}:${endpoint.port}`);
  const hop = { id: backend, group, from: 'frontend', to: backend } as const;
  const client = group === 'rds' ? req.backends.rds : req.backends.redis;
  const started = process.hrtime.bigint();
  let answer: BackendDiagnostics;
  try {
    answer = await client.diagnostics(deps.timeoutMs);
  } catch (err) {
    const failure = explainBackendFailure(err, backend, endpoint, deps.timeoutMs);
    req.log.warn({ backend, code: failure.code }, 'diagnostics: backend hop failed');
    const failed: Hop = { ...hop, status: 'failing', latencyMs: elapsedMs(started), summary: failure.summary, failure, facts: [address] };
    const next =
      failure.code === 'service_token_rejected'
        ? await storeHopFromPublicCheck(req, group, deps)
        : untested({ id: kind, group, from: backend, to: STORE_NAMES[kind] }, `Not tested: ${backend} did not answer.`);
    return [failed, next];
  }
  // The round trip less the backend's own work (its store check): the hop itself.
  const latencyMs = Math.max(0, Math.round((elapsedMs(started) - answer.elapsedMs) * 1000) / 1000);
  const backendHop: Hop = {
    ...hop,
    status: 'ok',
    latencyMs,
    summary: `${backend} answered, and accepted the service token.`,
    failure: null,
    facts: [address, fact('version', 'Version', answer.version), fact('hostName', 'Host name', answer.hostName)],
  };
  return [backendHop, storeHop(group, backend, answer.store)];
}

const UNTESTED = 'Not tested in this run: use its "Test again" button.';

/** Tests `groups` at once (the others are shown as not tested) and says which instance answered. */
export async function runDiagnostics(req: Request, deps: DiagnosticsDeps, groups: readonly HopGroup[]): Promise<DiagnosticsReport> {
  const wanted = (group: HopGroup) => groups.includes(group);
  const [instance, rdsHops, redisHops] = await Promise.all([
    deps.instance(),
    wanted('rds')
      ? checkBackendGroup(req, 'rds', deps)
      : [
          untested({ id: 'backend-rds', group: 'rds', from: 'frontend', to: 'backend-rds' }, UNTESTED),
          untested({ id: 'postgresql', group: 'rds', from: 'backend-rds', to: 'PostgreSQL' }, UNTESTED),
        ],
    wanted('redis')
      ? checkBackendGroup(req, 'redis', deps)
      : [
          untested({ id: 'backend-redis', group: 'redis', from: 'frontend', to: 'backend-redis' }, UNTESTED),
          untested({ id: 'redis', group: 'redis', from: 'backend-redis', to: 'Redis' }, UNTESTED),
        ],
  ]);
  const nginxHop = wanted('nginx') ? checkNginxHop(req) : untested({ id: 'nginx', group: 'nginx', from: 'nginx', to: 'frontend' }, UNTESTED);
  const hops = [nginxHop, ...rdsHops, ...redisHops];
  return {
    ok: hops.every((hop) => hop.status !== 'failing'),
    checkedAt: new Date().toISOString(),
    tested: [...groups],
    servedBy: {
      hostName: deps.hostName,
      instanceId: instance?.instanceId ?? null,
      availabilityZone: instance?.availabilityZone ?? null,
      instanceType: instance?.instanceType ?? null,
      version: deps.version,
    },
    hops,
  };
}
