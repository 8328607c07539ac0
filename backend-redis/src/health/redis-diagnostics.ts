import os from 'node:os';
import { elapsedMs, type Endpoint, type Logger, type StoreDiagnostics } from '@bookstore/common';
import type { Redis } from '../redis/client';
import { explainRedisFailure } from './redis-failure';

/** What the diagnostics route may tell about Redis (no user name, no password), and how to probe it. */
export interface RedisDiagnostics {
  /** APP_VERSION. */
  version: string;
  hostName: string;
  mode: 'standalone' | 'cluster';
  /** REDIS_URL's host and port, or each of REDIS_CLUSTER_NODES'. */
  endpoints: Endpoint[];
  tls: boolean;
  tlsCaConfigured: boolean;
  /** A new connection with the service's settings, one PING, closed (redis/probe.ts). */
  probe: () => Promise<void>;
  /** How long the probe may take. */
  probeTimeoutMs: number;
}

/** The host and port of a redis:// URL; user and password are dropped. */
export function redisEndpointOf(url: string): Endpoint {
  const parsed = new URL(url);
  return { host: decodeURIComponent(parsed.hostname), port: parsed.port ? Number(parsed.port) : 6379 };
}

export function redisDiagnostics(
  config: {
    APP_VERSION: string;
    REDIS_URL: string;
    REDIS_CLUSTER: boolean;
    REDIS_CLUSTER_NODES: string[];
    REDIS_TLS_CA_PATH?: string;
    REDIS_CONNECT_TIMEOUT_MS: number;
  },
  probe: (deadlineMs: number) => Promise<void>,
): RedisDiagnostics {
  const urls = config.REDIS_CLUSTER ? config.REDIS_CLUSTER_NODES : [config.REDIS_URL];
  const probeTimeoutMs = Math.min(config.REDIS_CONNECT_TIMEOUT_MS, 2000);
  return {
    version: config.APP_VERSION,
    hostName: os.hostname(),
    mode: config.REDIS_CLUSTER ? 'cluster' : 'standalone',
    endpoints: urls.map(redisEndpointOf),
    tls: urls.some((url) => url.startsWith('rediss://')) || config.REDIS_TLS_CA_PATH !== undefined,
    tlsCaConfigured: config.REDIS_TLS_CA_PATH !== undefined,
    probe: () => probe(probeTimeoutMs),
    probeTimeoutMs,
  };
}

/**
 * A timed PING on the service's own connection: the truth about what requests get. When it
 * fails, the connection only says "offline" while it reconnects, so a fresh connection is
 * opened to learn why (refused, DNS, TLS, WRONGPASS).
 */
export async function checkRedis(redis: Redis, diagnostics: RedisDiagnostics, log?: Logger): Promise<StoreDiagnostics> {
  const base = {
    kind: 'redis' as const,
    endpoints: diagnostics.endpoints,
    tls: diagnostics.tls,
    tlsDetail: diagnostics.tlsCaConfigured ? 'certificate verified against REDIS_TLS_CA_PATH' : null,
    mode: diagnostics.mode,
    replicaCount: null,
  };
  const started = process.hrtime.bigint();
  try {
    await redis.ping();
    return { ...base, check: { ok: true, latencyMs: elapsedMs(started) } };
  } catch (pingError) {
    log?.warn({ err: pingError }, 'diagnostics: redis PING failed');
    const context = {
      endpoint: diagnostics.endpoints[0] ?? { host: 'unknown', port: 6379 },
      tls: diagnostics.tls,
      cluster: diagnostics.mode === 'cluster',
      timeoutMs: diagnostics.probeTimeoutMs,
    };
    try {
      await diagnostics.probe();
    } catch (probeError) {
      log?.warn({ err: probeError }, 'diagnostics: a new connection to redis failed too');
      return { ...base, check: { ok: false, latencyMs: elapsedMs(started), failure: explainRedisFailure(probeError, context) } };
    }
    // A new connection works: the service's own one has not come back yet.
    return {
      ...base,
      check: {
        ok: false,
        latencyMs: elapsedMs(started),
        failure: {
          code: 'not_connected',
          summary: 'Redis answers a new connection, but this service\'s connection has not reconnected yet.',
          checks: ['It reconnects by itself within REDIS_RECONNECT_MAX_DELAY_MS: test again in a few seconds.'],
        },
      },
    };
  }
}
