import type { Logger } from '@bookstore/common';
import { CacheBreaker, cacheAside, type CacheAside } from './cache-aside';
import { rdsClient, type RdsClient } from './rds-client';
import { redisClient, type RedisClient } from './redis-client';
import { callBackend, createBackendAgent, type BackendTarget, type CallContext } from './request';

/** What a route gets: the typed clients, bound to the request they serve. */
export interface BoundBackends {
  rds: RdsClient;
  redis: RedisClient;
  /** backend-redis's cache in front of backend-rds' catalog reads. */
  catalogCache: CacheAside;
}

export interface Backends {
  /** `context` is read at each call, so a user who signs in mid-request is acted for at once. */
  forRequest(context: () => CallContext): BoundBackends;
  /** Resolves when both backends answer /readyz. */
  checkReady(): Promise<void>;
  close(): Promise<void>;
}

export interface BackendsOptions {
  rdsUrl: string;
  redisUrl: string;
  serviceToken: string;
  rdsTimeoutMs: number;
  redisTimeoutMs: number;
  maxConnections: number;
  cache: { ttlMs: number; timeoutMs: number; retryAfterMs: number };
  logger: Logger;
}

export function createBackends(options: BackendsOptions): Backends {
  const target = (name: BackendTarget['name'], baseUrl: string, timeoutMs: number): BackendTarget => ({
    name,
    baseUrl,
    serviceToken: options.serviceToken,
    timeoutMs,
    agent: createBackendAgent(options.maxConnections),
  });
  const rds = target('backend-rds', options.rdsUrl, options.rdsTimeoutMs);
  const redis = target('backend-redis', options.redisUrl, options.redisTimeoutMs);
  const breaker = new CacheBreaker(options.cache.retryAfterMs);
  const readyContext = (): CallContext => ({ requestId: 'frontend-readyz', log: options.logger });

  return {
    forRequest(context) {
      const rdsCalls = <T>(call: Parameters<typeof callBackend>[2]) => callBackend<T>(rds, context(), call);
      const redisCalls = <T>(call: Parameters<typeof callBackend>[2]) => callBackend<T>(redis, context(), call);
      const redisApi = redisClient(redisCalls);
      return {
        rds: rdsClient(rdsCalls),
        redis: redisApi,
        catalogCache: cacheAside(
          redisApi,
          { namespace: 'catalog', ttlMs: options.cache.ttlMs, timeoutMs: options.cache.timeoutMs, breaker },
          context().log,
        ),
      };
    },
    async checkReady() {
      await Promise.all(
        [rds, redis].map((t) => callBackend(t, readyContext(), { method: 'GET', path: '/readyz', timeoutMs: 2000 })),
      );
    },
    async close() {
      await Promise.all([rds.agent.close(), redis.agent.close()]);
    },
  };
}
