// One app instance of stage 2 on this machine: its own frontend and both backends, from
// source (tsx), on ports of their own, sharing the database and Redis with the others.
import { createRequire } from 'node:module';
import path from 'node:path';
import { freePort, startChild, waitForReady, type Child } from '../../../../frontend/test/stack/processes';
import { REPO_ROOT } from '../repo';

export interface AppInstanceSettings {
  name: string;
  /** Shared by every instance, as one bookstore.env is on AWS. */
  env: { DATABASE_URL: string; REDIS_KEY_PREFIX: string; SERVICE_TOKEN: string; COOKIE_SECRET: string };
  /** This instance's metadata service: its instance id in /diagnostics.json. */
  metadataUrl: string;
  logDir: string;
}

export interface AppInstance {
  name: string;
  frontendUrl: string;
  pids: number[];
  stop(): Promise<void>;
}

const tsxLoader = createRequire(path.join(REPO_ROOT, 'backend-rds', 'package.json')).resolve('tsx');

export async function startAppInstance(settings: AppInstanceSettings): Promise<AppInstance> {
  const [rdsPort, redisPort, frontendPort] = await Promise.all([freePort(), freePort(), freePort()]);
  const url = (port: number) => `http://127.0.0.1:${port}`;
  const base: NodeJS.ProcessEnv = {
    ...process.env,
    ...settings.env,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
  };
  const children: Child[] = [];
  const serve = (service: string, env: NodeJS.ProcessEnv) => {
    const child = startChild(
      `${settings.name}-${service}`,
      ['--import', tsxLoader, 'src/server.ts'],
      path.join(REPO_ROOT, service),
      { ...base, ...env },
      path.join(settings.logDir, `${settings.name}-${service}.log`),
    );
    children.push(child);
    return child;
  };
  const stop = async () => {
    // Entry first, so nothing new arrives while the backends drain.
    for (const child of [...children].reverse()) await child.stop();
  };
  try {
    const rds = serve('backend-rds', { PORT: String(rdsPort), DATABASE_POOL_SIZE: '4' });
    const redis = serve('backend-redis', { PORT: String(redisPort) });
    const frontend = serve('frontend', {
      PORT: String(frontendPort),
      BACKEND_RDS_URL: url(rdsPort),
      BACKEND_REDIS_URL: url(redisPort),
      INSTANCE_METADATA_URL: settings.metadataUrl,
      // Asked once per process and kept, found or not: on two busy cores 300 ms may not do.
      INSTANCE_METADATA_TIMEOUT_MS: '5000',
      TRUST_PROXY_HOPS: '1',
    });
    await Promise.all([
      waitForReady(`${url(rdsPort)}/readyz`, rds, 90_000),
      waitForReady(`${url(redisPort)}/readyz`, redis, 90_000),
      waitForReady(`${url(frontendPort)}/healthz`, frontend, 90_000),
    ]);
  } catch (err) {
    await stop();
    throw err;
  }
  return { name: settings.name, frontendUrl: url(frontendPort), pids: children.map((child) => child.process.pid!), stop };
}
