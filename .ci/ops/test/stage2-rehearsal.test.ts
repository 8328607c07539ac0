// Stage 2 rehearsed on one machine: two app instances (each its own frontend and both
// backends) behind nginx as the ALB's stand-in (round robin, no stickiness), sharing one
// PostgreSQL database and one Redis key prefix. `npm run verify -- --stage 2` must pass
// through it, and stopping one instance must lose no session and no cart.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createSeededDatabase, dropDatabase } from '../../../frontend/test/stack/database';
import { startAppInstance, type AppInstance } from '../src/rehearsal/app-instance';
import { startLoadBalancer, type LoadBalancer } from '../src/rehearsal/load-balancer';
import { startMetadataService, type MetadataService } from '../src/rehearsal/metadata-service';
import { repoPath } from '../src/repo';

jest.setTimeout(180_000);

const runId = `${Math.floor(Date.now() / 1000)}_${randomBytes(3).toString('hex')}`;
const databaseName = `bookstore_ops_rehearsal_${runId}`;
const redisKeyPrefix = `ops-rehearsal:${runId}:`;
const workDir = mkdtempSync(path.join(tmpdir(), 'stage2-rehearsal-'));
const sessionFile = path.join(workDir, 'verify-session.json');
const INSTANCE_IDS = ['i-0a1b2c3d4e5f60001', 'i-0a1b2c3d4e5f60002'];

const metadata: MetadataService[] = [];
const instances: AppInstance[] = [];
let databaseCreated = false;
let balancer: LoadBalancer;

function verify(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [repoPath('.ci', 'verify', 'verify.mjs'), '--url', balancer.url, '--timeout-ms', '15000', ...args], (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

/** Deletes this run's keys only (other tests share the Redis). */
async function deleteRedisKeys(): Promise<void> {
  const { createClient } = createRequire(repoPath('backend-redis', 'package.json'))('redis') as typeof import('redis');
  const client = createClient({ url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await client.connect();
  try {
    for await (const keys of client.scanIterator({ MATCH: `${redisKeyPrefix}*`, COUNT: 500 })) {
      const batch = ([] as string[]).concat(keys);
      if (batch.length > 0) await client.del(batch);
    }
  } finally {
    await client.quit();
  }
}

beforeAll(async () => {
  await createSeededDatabase(databaseName);
  databaseCreated = true;
  const shared = {
    DATABASE_URL: `postgresql://postgres@127.0.0.1:5432/${databaseName}`,
    REDIS_KEY_PREFIX: redisKeyPrefix,
    SERVICE_TOKEN: `rehearsal-token-${randomBytes(16).toString('hex')}`,
    COOKIE_SECRET: `rehearsal-cookie-secret-${randomBytes(16).toString('hex')}`,
  };
  for (const [index, instanceId] of INSTANCE_IDS.entries()) {
    metadata.push(await startMetadataService({ instanceId, availabilityZone: index === 0 ? 'us-east-1a' : 'us-east-1b' }));
  }
  // One after the other: two cores, and each start compiles TypeScript.
  for (const [index, service] of metadata.entries()) {
    instances.push(await startAppInstance({ name: `app-${index + 1}`, env: shared, metadataUrl: service.url, logDir: workDir }));
  }
  // Each frontend names its own instance (its metadata service), asked directly once.
  for (const [index, instance] of instances.entries()) {
    const report = (await (await fetch(`${instance.frontendUrl}/diagnostics.json?hop=nginx`)).json()) as { servedBy: { instanceId: string | null } };
    if (report.servedBy.instanceId !== INSTANCE_IDS[index]) throw new Error(`${instance.name} reports instance ${report.servedBy.instanceId}`);
  }
  balancer = await startLoadBalancer(instances.map((instance) => instance.frontendUrl), path.join(workDir, 'nginx'));
});

afterAll(async () => {
  // Everything this file started, by its own handles, whatever failed.
  await balancer?.stop();
  for (const instance of instances) await instance.stop();
  for (const service of metadata) await service.close();
  if (databaseCreated) await dropDatabase(databaseName);
  await deleteRedisKeys();
  rmSync(workDir, { recursive: true, force: true });
});

/** What the frontend at `frontendUrl` shows the session in `sessionFile`: signed-in name and cart book ids. */
async function cartSeenBy(frontendUrl: string): Promise<{ name?: string; bookIds: number[] }> {
  const saved = JSON.parse(readFileSync(sessionFile, 'utf8')) as { cookies: Record<string, string> };
  const cookie = Object.entries(saved.cookies).map(([name, value]) => `${name}=${value}`).join('; ');
  // As the load balancer would pass it on (nginx's headers), straight to one instance.
  const response = await fetch(`${frontendUrl}/cart`, { headers: { cookie, 'x-forwarded-for': '127.0.0.1', 'x-request-id': `rehearsal-${randomBytes(4).toString('hex')}` } });
  const html = await response.text();
  expect(response.status).toBe(200);
  return {
    name: /<a href="\/account">([^<]+)<\/a>/.exec(html)?.[1],
    bookIds: [...html.matchAll(/<li class="cart-line[^"]*"[^>]*\bdata-book-id="(\d+)"/g)].map((match) => Number(match[1])),
  };
}

test('the verifier passes stage 2 through the load balancer: two instances, one session and cart', async () => {
  const { code, output } = await verify('--stage', '2', '--session-file', sessionFile);
  expect(output).toContain('stage 2: all');
  expect(output).not.toContain('FAIL');
  for (const instanceId of INSTANCE_IDS) expect(output).toContain(instanceId);
  expect(code).toBe(0);

  // Each instance, asked directly, knows the session and the cart the verifier made.
  const saved = JSON.parse(readFileSync(sessionFile, 'utf8')) as { expectedName: string; expectedBookId: number };
  for (const instance of instances) {
    await expect(cartSeenBy(instance.frontendUrl)).resolves.toEqual({ name: saved.expectedName, bookIds: [saved.expectedBookId] });
  }
});

test('stage 3 fails here, naming the local stores and the fix: they are neither RDS nor ElastiCache', async () => {
  const { code, output } = await verify('--stage', '3', '--tries', '2');
  expect(output).toMatch(/FAIL {2}PostgreSQL is RDS, over TLS: 127\.0\.0\.1:5432, TLS off/);
  expect(output).toMatch(/FAIL {2}Redis is ElastiCache, over TLS: 127\.0\.0\.1:6379, TLS off/);
  expect(output).toContain('fix: DATABASE_URL in bookstore.env must name the RDS endpoint');
  expect(output).toContain('fix: REDIS_URL must be rediss://');
  expect(output).toContain('stage 3: 2 of 12 checks FAILED');
  expect(code).toBe(1);
});

test('with one instance stopped, the session and the cart are all there on the other', async () => {
  const [stopped, remaining] = instances as [AppInstance, AppInstance];
  await stopped.stop();
  // nginx marks the stopped frontend failed at its first refused connection and retries the other.
  const { code, output } = await verify('--stage', '2', '--min-instances', '1', '--session-file', sessionFile);
  expect(output).toContain('the session of the earlier run is taken up');
  expect(output).toMatch(new RegExp(`answers from 1 instance\\(s\\): ${INSTANCE_IDS[1]} ×12`));
  expect(output).not.toContain('FAIL');
  expect(code).toBe(0);
  const saved = JSON.parse(readFileSync(sessionFile, 'utf8')) as { expectedName: string; expectedBookId: number };
  await expect(cartSeenBy(remaining.frontendUrl)).resolves.toEqual({ name: saved.expectedName, bookIds: [saved.expectedBookId] });
});
