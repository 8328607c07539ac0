// Each Dockerfile's steps succeed outside Docker, every path it copies exists and reaches
// the build context, and each Node image holds its own service's production packages only,
// and starts. One build of the three Node images, in parallel: it installs packages.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { buildOutsideDocker, contextSources, type StageResult } from '../src/docker-build';
import { inBuildContext } from '../src/dockerignore';
import { readDockerfile } from '../src/dockerfile';
import { repoPath } from '../src/repo';
import { freePort, waitForHttp } from '../src/processes';

const IMAGES = ['backend-rds', 'backend-redis', 'frontend', 'nginx'] as const;
const NODE_IMAGES = ['backend-rds', 'backend-redis', 'frontend'] as const;
type NodeImage = (typeof NODE_IMAGES)[number];

test.each(IMAGES)('%s/Dockerfile copies only paths that exist and reach the build context', (image) => {
  const sources = contextSources(`${image}/Dockerfile`);
  expect(sources.length).toBeGreaterThan(0);
  for (const { source, line } of sources) {
    const clean = source.replace(/\/+$/, '');
    expect(`line ${line} ${source}: ${existsSync(repoPath(clean)) ? 'exists' : 'missing'}`).toBe(`line ${line} ${source}: exists`);
    expect(`line ${line} ${source}: ${inBuildContext(clean) ? 'sent' : 'excluded by .dockerignore'}`).toBe(`line ${line} ${source}: sent`);
  }
});

test.each(IMAGES)('%s/Dockerfile ends running as a user other than root', (image) => {
  const runtime = readDockerfile(`${image}/Dockerfile`).stages.at(-1)!;
  const users = runtime.instructions.filter((instruction) => instruction.keyword === 'USER').map((i) => i.text);
  expect(users.at(-1)).toMatch(/^(node|101|nginx)$/);
});

test('no image is tagged or pulled as latest by the Dockerfiles', () => {
  for (const image of IMAGES) {
    for (const stage of readDockerfile(`${image}/Dockerfile`).stages) expect(stage.base).not.toMatch(/:latest$/);
  }
});

/** Packages a service must not carry: another service's, or development ones. */
const FOREIGN: Record<NodeImage, string[]> = {
  'backend-rds': ['redis', 'ejs', 'helmet', 'undici', 'jest', 'eslint', '@swc/core', 'playwright-core', 'lighthouse'],
  'backend-redis': ['prisma', '@prisma/client', 'pg', 'argon2', 'ejs', 'helmet', 'undici', 'typescript', 'jest', 'eslint', 'tsx'],
  frontend: ['prisma', '@prisma/client', 'pg', 'argon2', 'redis', 'typescript', 'jest', 'eslint', 'playwright-core', 'lighthouse', 'tsx'],
};
/** Packages the service needs at run time, its own and @bookstore/common's. */
const NEEDED: Record<NodeImage, string[]> = {
  'backend-rds': ['@bookstore/common', 'express', 'pino', '@prisma/client', '@prisma/adapter-pg', 'prisma', 'pg', 'argon2', 'tsx', 'esbuild'],
  'backend-redis': ['@bookstore/common', 'express', 'pino', 'redis', 'zod'],
  frontend: ['@bookstore/common', 'express', 'pino', 'ejs', 'helmet', 'undici', 'cookie-parser', 'csrf-csrf'],
};

const megabytes = (folder: string) => Number(execFileSync('du', ['-sm', folder], { encoding: 'utf8' }).split('\t')[0]);

function environmentFor(image: NodeImage, port: number): NodeJS.ProcessEnv {
  const common = {
    PATH: process.env.PATH,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    SERVICE_TOKEN: 'ops-image-check-service-token-0123456789',
  };
  if (image === 'backend-rds') return { ...common, DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/postgres' };
  if (image === 'backend-redis') return { ...common, REDIS_URL: 'redis://127.0.0.1:6379', REDIS_KEY_PREFIX: `ops-image-${process.pid}:` };
  return { ...common, COOKIE_SECRET: 'ops-image-check-cookie-secret-0123456789abcdef' };
}

describe('the three Node images, built outside Docker', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'bookstore-images-'));
  const runtimes = new Map<NodeImage, StageResult>();
  const started: ChildProcess[] = [];

  beforeAll(async () => {
    const builds = await Promise.all(
      NODE_IMAGES.map((image) =>
        buildOutsideDocker(`${image}/Dockerfile`, {
          workDir: path.join(workDir, image),
          buildArgs: { APP_VERSION: 'ops-check' },
          runEnv: { PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY },
        }),
      ),
    );
    NODE_IMAGES.forEach((image, index) => runtimes.set(image, [...builds[index]!.values()].at(-1)!));
  }, 420_000);

  afterAll(() => {
    for (const child of started) child.kill('SIGKILL');
    rmSync(workDir, { recursive: true, force: true });
  });

  test.each(NODE_IMAGES)('%s carries its own production packages and no others', (image) => {
    const nodeModules = path.join(runtimes.get(image)!.root, 'app', 'node_modules');
    const present = (name: string) => existsSync(path.join(nodeModules, name));
    expect(NEEDED[image].filter((name) => !present(name))).toEqual([]);
    expect(FOREIGN[image].filter(present)).toEqual([]);
    // Nothing nested under a workspace either.
    for (const workspace of ['common', image]) {
      const nested = path.join(runtimes.get(image)!.root, 'app', workspace, 'node_modules');
      if (existsSync(nested)) expect(readdirSync(nested).filter((name) => FOREIGN[image].includes(name))).toEqual([]);
    }
    // A fact to compare against (the issue measured 363 MB for every image before).
    const limit = image === 'backend-rds' ? 400 : 60;
    expect(megabytes(nodeModules)).toBeLessThan(limit);
  });

  test.each(NODE_IMAGES)('%s starts from the image folder and answers /healthz', async (image) => {
    const runtime = runtimes.get(image)!;
    const port = await freePort();
    const [command, ...args] = runtime.cmd!;
    const child = spawn(command!, args, {
      cwd: path.join(runtime.root, runtime.workdir),
      env: { ...environmentFor(image, port), NODE_ENV: runtime.env.NODE_ENV, APP_VERSION: runtime.env.APP_VERSION },
      stdio: 'ignore',
    });
    started.push(child);
    expect(runtime.env.NODE_ENV).toBe('production');
    expect(runtime.env.APP_VERSION).toBe('ops-check');
    await waitForHttp(`http://127.0.0.1:${port}/healthz`, 200, 30_000);
    child.kill('SIGTERM');
  }, 40_000);
});
