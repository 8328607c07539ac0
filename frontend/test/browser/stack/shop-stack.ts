// The whole shop on this machine, as `npm start` runs it (nginx → frontend → both backends →
// PostgreSQL and Redis), on free ports, a database and a Redis key prefix of its own. Used
// by the browser tests (jest globalSetup), `npm run bench` and `npm run audit`.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { createRequire } from 'node:module';
import { FRONTEND_TEST_DB_PREFIX, REPO_ROOT, createSeededDatabase, dropAbandonedDatabases, dropDatabase } from '../../stack/database';
import { backendApi, createFixtures, type StackFixtures } from '../../stack/fixtures';
import { freePort, type Child } from '../../stack/processes';
import { startNginx, type NginxOptions } from './nginx';
import { BROWSER_SERVICE_TOKEN, startBackendRds, startBackendRedis, startFrontend, type RunningService } from './services';

export interface ShopStackInfo {
  /** The shop, through nginx. */
  shopUrl: string;
  frontendUrl: string;
  rdsUrl: string;
  redisUrl: string;
  serviceToken: string;
  redisKeyPrefix: string;
  databaseName: string;
  fixtures: StackFixtures;
}

export interface ShopStack extends ShopStackInfo {
  /** The stack's processes (the bench reads their CPU time). */
  processes(): { name: string; pid: number }[];
  stop(): Promise<void>;
}

export interface ShopStackOptions {
  /** In the database name, the key prefix and the log files: browser, bench, audit. */
  name: string;
  /** Environment for every service (LOG_LEVEL …). */
  env?: NodeJS.ProcessEnv;
  extraHttp?: NginxOptions['extraHttp'];
  /** Ports chosen by the caller, e.g. one nginx's extra server block needs before it starts. */
  nginxPort?: number;
}

/** Deletes exactly the keys under `prefix` (SCAN + UNLINK; never FLUSHDB: others share this Redis). */
export async function deleteRedisKeys(prefix: string): Promise<void> {
  const { createClient } = createRequire(path.join(REPO_ROOT, 'backend-redis', 'package.json'))('redis') as typeof import('redis');
  const client = createClient({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await client.connect();
  try {
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (batch.length > 0) await client.unlink(batch);
    }
  } finally {
    await client.close();
  }
}

export async function startShopStack(options: ShopStackOptions): Promise<ShopStack> {
  const now = Math.floor(Date.now() / 1000);
  const runId = `${now}_${options.name}_${randomBytes(3).toString('hex')}`;
  // The route tests' prefix: their next run drops this database too if this one crashed.
  const databaseName = `${FRONTEND_TEST_DB_PREFIX}${runId}`;
  const redisKeyPrefix = `fe-${options.name}:${runId}:`;
  await dropAbandonedDatabases(now);

  const children: Child[] = [];
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // nginx first, so nothing new arrives; the backends last.
    for (const child of [...children].reverse()) await child.stop();
    await dropDatabase(databaseName);
    await deleteRedisKeys(redisKeyPrefix);
  };
  let redisStarting: Promise<RunningService> | undefined;
  try {
    const [rdsPort, redisPort, frontendPort, nginxPort] = await Promise.all([freePort(), freePort(), freePort(), options.nginxPort ?? freePort()]);
    // backend-redis starts while the database is made and seeded.
    redisStarting = startBackendRedis({ name: `${options.name}-backend-redis`, port: redisPort, keyPrefix: redisKeyPrefix, env: options.env }).then(
      (service) => {
        children.push(service);
        return service;
      },
    );
    const databaseUrl = await createSeededDatabase(databaseName);
    const redisService = await redisStarting;
    const rds = await startBackendRds({ name: `${options.name}-backend-rds`, port: rdsPort, databaseUrl, env: options.env });
    children.push(rds);
    const [fixtures, frontend] = await Promise.all([
      createFixtures(backendApi(rds.url, BROWSER_SERVICE_TOKEN)),
      startFrontend({ name: `${options.name}-frontend`, port: frontendPort, rdsUrl: rds.url, redisUrl: redisService.url, env: options.env }),
    ]);
    children.push(frontend);
    const nginx = await startNginx({ name: `${options.name}-nginx`, port: nginxPort, frontendPort, extraHttp: options.extraHttp });
    children.push(nginx);
    return {
      shopUrl: nginx.url,
      frontendUrl: frontend.url,
      rdsUrl: rds.url,
      redisUrl: redisService.url,
      serviceToken: BROWSER_SERVICE_TOKEN,
      redisKeyPrefix,
      databaseName,
      fixtures,
      processes: () => children.flatMap((child) => (child.process.pid === undefined ? [] : [{ name: child.name, pid: child.process.pid }])),
      stop,
    };
  } catch (err) {
    await redisStarting?.catch(() => undefined);
    await stop().catch(() => undefined);
    throw err;
  }
}
