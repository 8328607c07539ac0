import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FRONTEND_TEST_DB_PREFIX, REPO_ROOT, createSeededDatabase, dropAbandonedDatabases } from './database';
import { backendApi, createFixtures } from './fixtures';
import { freePort, startChild, waitForReady, type Child } from './processes';
import { publishStackEnv } from './stack-env';
import globalTeardown from './global-teardown';

export const TEST_SERVICE_TOKEN = 'frontend-test-service-token-0123456789';
export const LOG_DIR = path.join(REPO_ROOT, 'frontend', 'test', '.stack-logs');

export interface RunningStack {
  children: Child[];
  databaseName: string;
  redisKeyPrefix: string;
}

declare global {
  var bookstoreFrontendStack: RunningStack | undefined;
}

/**
 * Once per jest run: the two real backends as child processes, from source (tsx), on free
 * ports, with a database of their own (migrated with Prisma's CLI, seeded with the real
 * catalog) and a Redis key prefix of their own; plus a backend-redis whose Redis is away,
 * for outage tests. global-teardown.ts stops them and removes the data.
 */
export default async function globalSetup(): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const runId = `${now}_${randomBytes(3).toString('hex')}`;
  const databaseName = `${FRONTEND_TEST_DB_PREFIX}${runId}`;
  const redisKeyPrefix = `fe-test:${runId}:`;
  mkdirSync(LOG_DIR, { recursive: true });
  await dropAbandonedDatabases(now);

  const [rdsPort, redisPort, redisDownPort, noRedisPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  const tsxLoader = createRequire(path.join(REPO_ROOT, 'backend-rds', 'package.json')).resolve('tsx');
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    SERVICE_TOKEN: TEST_SERVICE_TOKEN,
  };
  const serve = (name: string, service: string, env: NodeJS.ProcessEnv) =>
    startChild(name, ['--import', tsxLoader, 'src/server.ts'], path.join(REPO_ROOT, service), { ...base, ...env }, path.join(LOG_DIR, `${name}.log`));

  const children: Child[] = [];
  globalThis.bookstoreFrontendStack = { children, databaseName, redisKeyPrefix };
  // backend-redis starts while the database is made.
  children.push(serve('backend-redis', 'backend-redis', { PORT: String(redisPort), REDIS_KEY_PREFIX: redisKeyPrefix }));
  children.push(
    serve('backend-redis-down', 'backend-redis', {
      PORT: String(redisDownPort),
      REDIS_URL: `redis://127.0.0.1:${noRedisPort}`,
      REDIS_KEY_PREFIX: redisKeyPrefix,
      REDIS_CONNECT_TIMEOUT_MS: '200',
    }),
  );
  const url = (port: number) => `http://127.0.0.1:${port}`;
  let fixtures;
  let databaseUrl: string;
  try {
    databaseUrl = await createSeededDatabase(databaseName);
    children.push(serve('backend-rds', 'backend-rds', { PORT: String(rdsPort), DATABASE_URL: databaseUrl, DATABASE_POOL_SIZE: '8' }));
    await Promise.all([
      waitForReady(`${url(rdsPort)}/readyz`, children[2]!),
      waitForReady(`${url(redisPort)}/readyz`, children[0]!),
      waitForReady(`${url(redisDownPort)}/healthz`, children[1]!),
    ]);
    fixtures = await createFixtures(backendApi(url(rdsPort), TEST_SERVICE_TOKEN));
  } catch (err) {
    // jest runs no teardown after a failed setup: leave nothing behind.
    await globalTeardown();
    throw err;
  }
  publishStackEnv({
    rdsUrl: url(rdsPort),
    redisUrl: url(redisPort),
    redisDownUrl: url(redisDownPort),
    serviceToken: TEST_SERVICE_TOKEN,
    redisKeyPrefix,
    databaseUrl,
    fixtures,
  });
}
