// The shop's three services as child processes, run from source the way the route tests'
// stack runs the backends (tsx), each on a port of its own.
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { REPO_ROOT } from '../../stack/database';
import { waitForReady, type Child } from '../../stack/processes';
import { startProcess } from './processes';

export const BROWSER_SERVICE_TOKEN = 'frontend-browser-service-token-0123456789';
const COOKIE_SECRET = 'frontend-browser-cookie-secret-0123456789abcdef';
const tsxLoader = createRequire(path.join(REPO_ROOT, 'frontend', 'package.json')).resolve('tsx');

export type RunningService = Child & { url: string };

const baseEnv = (): NodeJS.ProcessEnv => ({
  ...process.env,
  NODE_ENV: 'test',
  HOST: '127.0.0.1',
  LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
  SERVICE_TOKEN: BROWSER_SERVICE_TOKEN,
  // Tests never ask the real EC2 metadata address; a test that wants an instance passes a fake.
  INSTANCE_METADATA_URL: 'off',
});

async function startService(name: string, workspace: string, port: number, env: NodeJS.ProcessEnv, readyPath: string): Promise<RunningService> {
  const child = startProcess(name, process.execPath, ['--import', tsxLoader, 'src/server.ts'], {
    cwd: path.join(REPO_ROOT, workspace),
    env: { ...baseEnv(), ...env, PORT: String(port) },
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForReady(`${url}${readyPath}`, child);
  } catch (err) {
    await child.stop();
    throw err;
  }
  return { ...child, url };
}

export function startBackendRds(options: { name?: string; port: number; databaseUrl: string; env?: NodeJS.ProcessEnv }): Promise<RunningService> {
  return startService(options.name ?? 'backend-rds', 'backend-rds', options.port, { DATABASE_URL: options.databaseUrl, DATABASE_POOL_SIZE: '8', ...options.env }, '/readyz');
}

export function startBackendRedis(options: {
  name?: string;
  port: number;
  keyPrefix: string;
  redisUrl?: string;
  env?: NodeJS.ProcessEnv;
}): Promise<RunningService> {
  return startService(
    options.name ?? 'backend-redis',
    'backend-redis',
    options.port,
    {
      REDIS_URL: options.redisUrl ?? process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
      REDIS_KEY_PREFIX: options.keyPrefix,
      // Every shopper of these tests reaches the frontend from 127.0.0.1 through nginx, so
      // the per-address limits (3 registrations an hour) would stop the third test.
      RATE_LIMIT_SIGN_IN: '1000/60',
      RATE_LIMIT_REGISTRATION: '1000/60',
      RATE_LIMIT_CHECKOUT: '1000/60',
      ...options.env,
    },
    '/readyz',
  );
}

export function startFrontend(options: { name?: string; port: number; rdsUrl: string; redisUrl: string; env?: NodeJS.ProcessEnv }): Promise<RunningService> {
  return startService(
    options.name ?? 'frontend',
    'frontend',
    options.port,
    {
      BACKEND_RDS_URL: options.rdsUrl,
      BACKEND_REDIS_URL: options.redisUrl,
      COOKIE_SECRET,
      // nginx is the one proxy hop in front.
      TRUST_PROXY_HOPS: '1',
      SERVE_STATIC: 'false',
      ...options.env,
    },
    '/healthz',
  );
}

/** A redis-server of the caller's own (an outage test stops it), keeping nothing on disk. */
export function startRedisServer(name: string, port: number): Child {
  return startProcess(name, 'redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { cwd: os.tmpdir() });
}
