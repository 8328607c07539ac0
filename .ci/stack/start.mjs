// The whole shop on one machine without Docker: the same services, ports and environment
// variable names as docker-compose.yml, with PostgreSQL and Redis from the machine itself.
// Used by `npm start` (.ci/stack.mjs) and, programmatically, by end-to-end tests.
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { logLine, startChild, waitForHealthy } from './children.mjs';
import { prepareStack, prismaEngineEnv } from './prepare.mjs';
import { ensureNginx, followFile, testNginxConfig, writeNginxConfig } from './nginx.mjs';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const DEV_SERVICE_TOKEN = 'dev-service-token-change-me-0123456789';

export const DEFAULT_PORTS = { http: 8080, frontend: 8000, backendRds: 8001, backendRedis: 8002 };

const SERVICES = [
  { name: 'backend-rds', portKey: 'backendRds' },
  { name: 'backend-redis', portKey: 'backendRedis' },
  { name: 'frontend', portKey: 'frontend' },
];

function portIsFree(port) {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

/**
 * Prepares and starts the stack; resolves once every /healthz answers.
 *
 * Options (all optional):
 * - ports: { http, frontend, backendRds, backendRedis } (defaults: DEFAULT_PORTS, http from
 *   STACK_HTTP_PORT)
 * - env: extra variables for every service (DATABASE_URL, REDIS_URL, SERVICE_TOKEN, LOG_LEVEL…)
 * - prepare: false skips install/migrate/seed/build (already done by the caller);
 *   install: false or build: false skip only that step
 * - nginx: false runs without nginx
 *
 * Returns { urls, nginx (bool), services (names started), stop(), unexpectedExit } where
 * unexpectedExit resolves with { name, code, signal } if a child dies while the stack runs.
 */
export async function startStack(options = {}) {
  const ports = {
    ...DEFAULT_PORTS,
    http: Number(process.env.STACK_HTTP_PORT || DEFAULT_PORTS.http),
    ...options.ports,
  };
  const repoRoot = options.repoRoot ?? REPO_ROOT;
  const baseEnv = {
    ...process.env,
    ...prismaEngineEnv(repoRoot),
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DATABASE_URL: process.env.DATABASE_URL || 'postgresql://postgres@127.0.0.1:5432/bookstore',
    REDIS_URL: process.env.REDIS_URL || 'redis://127.0.0.1:6379',
    SERVICE_TOKEN: process.env.SERVICE_TOKEN || DEV_SERVICE_TOKEN,
    ...options.env,
  };

  if (options.prepare !== false) {
    await prepareStack({
      repoRoot,
      env: baseEnv,
      skipInstall: options.install === false,
      skipBuild: options.build === false,
    });
  }

  for (const service of SERVICES) {
    const entry = path.join(repoRoot, service.name, 'dist', 'server.js');
    if (!existsSync(entry)) {
      throw new Error(`${service.name} has no ${path.relative(repoRoot, entry)} (did the build run?)`);
    }
  }

  const nginxBinary = options.nginx === false ? undefined : await ensureNginx();
  let nginxConfig;
  if (nginxBinary) {
    nginxConfig = writeNginxConfig({ repoRoot, nginxBinary, httpPort: ports.http, frontendPort: ports.frontend });
    testNginxConfig(nginxBinary, nginxConfig);
  } else if (options.nginx !== false) {
    logLine('stack', 'running WITHOUT nginx: open the frontend directly');
  }

  const busy = [];
  for (const [key, port] of Object.entries(ports)) {
    if (key === 'http' && !nginxBinary) continue;
    if (!(await portIsFree(port))) busy.push(`${port} (${key})`);
  }
  if (busy.length > 0) {
    throw new Error(`ports already in use: ${busy.join(', ')}. Is another stack running? Stop it or change ports.`);
  }

  const children = [];
  let stopFollowingAccessLog;
  let stopped = false;
  let reportExit;
  const unexpectedExit = new Promise((resolve) => (reportExit = resolve));
  const watch = (child) => {
    child.exited.then(({ code, signal }) => {
      if (!child.stopping && !stopped) reportExit({ name: child.name, code, signal });
    });
    children.push(child);
    return child;
  };

  const stop = async () => {
    if (stopped) return;
    stopped = true;
    // Entry first, so nothing new arrives while the services drain; backends last.
    const order = ['nginx', 'frontend', 'backend-redis', 'backend-rds'];
    for (const name of order) {
      const child = children.find((c) => c.name === name);
      if (child) await child.stop();
    }
    stopFollowingAccessLog?.();
    logLine('stack', 'stopped');
  };
  // Last resort when the caller exits without stopping (a crashed test run): no orphans.
  process.once('exit', () => {
    for (const child of children) {
      if (!child.stopping) {
        try {
          process.kill(child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    }
  });

  const urls = {
    frontend: `http://127.0.0.1:${ports.frontend}`,
    backendRds: `http://127.0.0.1:${ports.backendRds}`,
    backendRedis: `http://127.0.0.1:${ports.backendRedis}`,
  };
  try {
    const healthChecks = [];
    for (const service of SERVICES) {
      const env = {
        ...baseEnv,
        PORT: String(ports[service.portKey]),
        BACKEND_RDS_URL: urls.backendRds,
        BACKEND_REDIS_URL: urls.backendRedis,
      };
      const child = watch(
        startChild({
          name: service.name,
          command: process.execPath,
          args: ['dist/server.js'],
          cwd: path.join(repoRoot, service.name),
          env,
        }),
      );
      healthChecks.push(waitForHealthy(`${urls[service.portKey]}/healthz`, { child }));
    }
    await Promise.all(healthChecks);

    if (nginxBinary) {
      const child = watch(
        startChild({
          name: 'nginx',
          command: nginxBinary,
          args: ['-e', 'stderr', '-p', nginxConfig.prefix, '-c', nginxConfig.configPath],
          env: baseEnv,
          // QUIT is nginx's graceful stop (TERM would drop requests in flight).
          stopSignal: 'SIGQUIT',
        }),
      );
      stopFollowingAccessLog = followFile(nginxConfig.accessLogPath, (line) => logLine('nginx', line));
      urls.http = `http://127.0.0.1:${ports.http}`;
      await waitForHealthy(`${urls.http}/healthz`, { child });
    }
  } catch (err) {
    await stop();
    throw err;
  }

  return {
    urls,
    nginx: Boolean(nginxBinary),
    services: SERVICES.map((s) => s.name),
    stop,
    unexpectedExit,
  };
}
