import { randomBytes } from 'node:crypto';
import supertest from 'supertest';
import { createClient } from 'redis';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';
import type { AppDeps } from '../src/deps';
import { readConfig, settingsFrom, type ServiceSettings } from '../src/config';
import { createRedis, type RedisConnection } from '../src/redis/client';
import { KeyBuilder } from '../src/redis/keys';

export const TEST_SERVICE_TOKEN = 'test-service-token-0123456789abcdef';
export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export const testLogger = () => createLogger('backend-redis-test', process.env.TEST_LOG_LEVEL ?? 'silent');

/** The defaults a real start would use, minus anything read from this machine's environment. */
export const defaultSettings = (): ServiceSettings => settingsFrom(readConfig({}));

const createAdminClient = (url: string) => createClient({ url, socket: { reconnectStrategy: 100 } });

export type AdminClient = ReturnType<typeof createAdminClient>;

export interface TestApp {
  deps: AppDeps;
  keys: KeyBuilder;
  /** A plain client for looking behind the API (TTLs, raw keys). Touch only `keys.prefix*`. */
  admin: AdminClient;
  api: () => ReturnType<typeof authorised>;
  anonymous: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

function authorised(app: Parameters<typeof supertest>[0]) {
  const agent = supertest.agent(app);
  agent.set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`);
  return agent;
}

/** Deletes every key under `prefix` (SCAN, never FLUSHDB: other work shares this Redis). */
export async function deleteKeysUnder(admin: AdminClient, prefix: string): Promise<number> {
  let deleted = 0;
  for await (const batch of admin.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
    if (batch.length > 0) deleted += await admin.unlink(batch);
  }
  return deleted;
}

export interface TestAppOptions {
  settings?: Partial<ServiceSettings>;
  clock?: () => Date;
  redisUrl?: string;
  commandTimeoutMs?: number;
  /** Builds the app without waiting for Redis (the outage test starts with Redis down). */
  connect?: boolean;
}

/** The real app on the shared Redis, under a key prefix of its own, removed by `close`. */
export async function buildTestApp(options: TestAppOptions = {}): Promise<TestApp & { connection: RedisConnection }> {
  const url = options.redisUrl ?? TEST_REDIS_URL;
  const keys = new KeyBuilder(`test:${randomBytes(6).toString('hex')}:`);
  const logger = testLogger();
  const connection = createRedis({
    url,
    cluster: false,
    clusterNodes: [],
    commandTimeoutMs: options.commandTimeoutMs ?? 1000,
    connectTimeoutMs: 1000,
    reconnectMaxDelayMs: 200,
    logger,
  });
  if (options.connect !== false) await connection.connect();
  const admin = createAdminClient(url);
  admin.on('error', () => undefined);
  if (options.connect !== false) await admin.connect();
  const deps: AppDeps = {
    redis: connection.redis,
    keys,
    logger,
    serviceToken: TEST_SERVICE_TOKEN,
    settings: { ...defaultSettings(), ...options.settings },
    clock: options.clock ?? (() => new Date()),
  };
  const app = createApp(deps);
  return {
    deps,
    keys,
    admin,
    connection,
    api: () => authorised(app),
    anonymous: supertest(app),
    async close() {
      if (admin.isReady) await deleteKeysUnder(admin, keys.prefix);
      if (admin.isOpen) await admin.close();
      await connection.close();
    },
  };
}

/** A valid-looking session id that was never issued. */
export const unknownSessionId = () => randomBytes(32).toString('base64url');

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
