// roll-out.sh, the release's deploy step, against a stand-in AWS CLI (fakes/aws.mjs) and a
// stand-in shop on this machine whose /diagnostics.json turns red when it runs a build the
// test marked broken: deploys by commit SHA, records deployed-sha only after a green smoke
// test, rolls back to it on failure, and fails loudly either way.
import { execFile } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { repoPath } from '../src/repo';

const IMAGES = ['backend-rds', 'backend-redis', 'frontend', 'nginx'];
const OLD = 'a'.repeat(40);
const NEW = 'b'.repeat(40);

interface FakeState {
  calls: string[];
  parameters: Record<string, string>;
  running: Record<string, string>;
  brokenOnDeploy: string[];
  brokenOnSmoke: string[];
  failMigrations: boolean;
  commands: { id: string; commands: string; status: string }[];
  launchTemplateVersions: string[];
  refreshes: { version: number; ok: boolean }[];
  uploads: string[];
  objects: Record<string, string>;
  shopAddress: string;
}

let dir: string;
let shop: Server;
let statePath: string;

const readState = () => JSON.parse(readFileSync(statePath, 'utf8')) as FakeState;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'roll-out-'));
  writeFileSync(path.join(dir, 'aws'), `#!/bin/sh\nexec node ${repoPath('.ci', 'ops', 'test', 'fakes', 'aws.mjs')} "$@"\n`);
  chmodSync(path.join(dir, 'aws'), 0o755);
  statePath = path.join(dir, 'state.json');
  // The shop: green unless it runs a build the test marked broken.
  shop = createServer((req, res) => {
    const state = readState();
    const broken = Object.values(state.running).some((sha) => state.brokenOnSmoke.includes(sha));
    res.setHeader('content-type', 'application/json');
    if (req.url === '/diagnostics.json') {
      res.end(JSON.stringify({ hops: [{ name: 'nginx → frontend', ok: true }, { name: 'frontend → backend-rds', ok: !broken, failure: broken ? { code: 'backend_error', summary: 'answers 500' } : undefined }] }));
    } else res.end('{"status":"ok"}');
  });
  await new Promise<void>((resolve) => shop.listen(0, '127.0.0.1', resolve));
}, 30_000);

afterAll(async () => {
  await new Promise((resolve) => shop.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

function prepare(options: { built: Record<string, string>; deployed: Record<string, string>; brokenOnDeploy?: string[]; brokenOnSmoke?: string[] }) {
  const parameters: Record<string, string> = {};
  for (const [image, sha] of Object.entries(options.built)) parameters[`/bookstore/prod/built-sha/${image}`] = sha;
  for (const [image, sha] of Object.entries(options.deployed)) parameters[`/bookstore/prod/deployed-sha/${image}`] = sha;
  const { port } = shop.address() as { port: number };
  const state: FakeState = {
    calls: [],
    parameters,
    running: { ...options.deployed },
    brokenOnDeploy: options.brokenOnDeploy ?? [],
    brokenOnSmoke: options.brokenOnSmoke ?? [],
    failMigrations: false,
    commands: [],
    launchTemplateVersions: [],
    refreshes: [],
    uploads: [],
    objects: {},
    shopAddress: `127.0.0.1:${port}`,
  };
  writeFileSync(statePath, JSON.stringify(state));
}

const all = (sha: string) => Object.fromEntries(IMAGES.map((image) => [image, sha]));
const deployedSha = (state: FakeState) =>
  Object.fromEntries(IMAGES.map((image) => [image, state.parameters[`/bookstore/prod/deployed-sha/${image}`]]));

function rollOut(target: 'ssm' | 'asg'): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      'bash',
      [repoPath('.github', 'workflows', 'scripts', 'roll-out.sh')],
      {
        env: {
          PATH: `${dir}:${process.env.PATH}`,
          HOME: dir,
          FAKE_AWS_STATE: statePath,
          DEPLOY_TARGET: target,
          AWS_REGION: 'eu-west-1',
          SMOKE_ATTEMPTS: '1',
          SMOKE_INTERVAL: '0',
          POLL_SECONDS: '0',
        },
        timeout: 60_000,
      },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}` }),
    );
  });
}

test('stage 1 (ssm): deploys the new builds by SHA, smoke-tests them, then records them as deployed', async () => {
  prepare({ built: { ...all(OLD), frontend: NEW, nginx: NEW }, deployed: all(OLD) });
  const { code, output } = await rollOut('ssm');
  expect(output).toContain('smoke test passed');
  expect(code).toBe(0);
  const state = readState();
  expect(state.commands.map((c) => c.commands)).toEqual([
    expect.stringContaining(`/opt/bookstore/deploy.sh up backend-rds=${OLD} backend-redis=${OLD} frontend=${NEW} nginx=${NEW}`),
  ]);
  expect(deployedSha(state)).toEqual({ ...all(OLD), frontend: NEW, nginx: NEW });
  expect(state.uploads).toEqual(expect.arrayContaining([expect.stringMatching(/\/app\/docker-compose\.prod\.yml$/), expect.stringMatching(/\/app\/deploy\.sh$/)]));
  expect(state.calls.join('\n')).not.toMatch(/latest/);
});

test('a build that fails the smoke test is rolled back to the recorded one, and the job fails loudly', async () => {
  prepare({ built: { ...all(OLD), frontend: NEW }, deployed: all(OLD), brokenOnSmoke: [NEW] });
  const { code, output } = await rollOut('ssm');
  expect(code).toBe(1);
  expect(output).toMatch(/::error::the smoke test failed/);
  expect(output).toMatch(/::error::ROLLED BACK to the previous builds/);
  expect(output).toContain('frontend → backend-rds');
  const state = readState();
  expect(state.running).toEqual(all(OLD));
  expect(state.commands.at(-1)!.commands).toContain(`frontend=${OLD}`);
  expect(deployedSha(state)).toEqual(all(OLD));
});

test('a deploy that fails on the instances is rolled back too', async () => {
  prepare({ built: { ...all(OLD), 'backend-redis': NEW }, deployed: all(OLD), brokenOnDeploy: [NEW] });
  const { code, output } = await rollOut('ssm');
  expect(code).toBe(1);
  expect(output).toMatch(/::error::the deploy failed/);
  expect(output).toMatch(/ROLLED BACK/);
  expect(deployedSha(readState())).toEqual(all(OLD));
});

test('stages 2 and 3 (asg): migrations once, then a launch template version pinning the SHAs and an instance refresh onto it', async () => {
  prepare({ built: { ...all(OLD), 'backend-rds': NEW }, deployed: all(OLD) });
  const { code, output } = await rollOut('asg');
  expect(output).toContain('smoke test passed');
  expect(code).toBe(0);
  const state = readState();
  expect(state.commands.map((c) => c.commands)).toEqual([expect.stringContaining(`/opt/bookstore/deploy.sh migrate backend-rds=${NEW}`)]);
  expect(state.launchTemplateVersions).toHaveLength(1);
  expect(state.launchTemplateVersions[0]).toContain(`BACKEND_RDS_IMAGE_TAG=${NEW}\nBACKEND_REDIS_IMAGE_TAG=${OLD}`);
  expect(state.refreshes).toEqual([{ version: 1, ok: true }]);
  expect(deployedSha(state)).toEqual({ ...all(OLD), 'backend-rds': NEW });
});

test('asg: a red smoke test rolls back with a launch template version of the previous SHAs (and never migrates back)', async () => {
  prepare({ built: { ...all(OLD), 'backend-rds': NEW }, deployed: all(OLD), brokenOnSmoke: [NEW] });
  const { code, output } = await rollOut('asg');
  expect(code).toBe(1);
  expect(output).toMatch(/ROLLED BACK/);
  const state = readState();
  expect(state.launchTemplateVersions).toHaveLength(2);
  expect(state.launchTemplateVersions[1]).toContain(`BACKEND_RDS_IMAGE_TAG=${OLD}`);
  expect(state.commands.filter((c) => c.commands.includes('migrate'))).toHaveLength(1);
  expect(deployedSha(state)).toEqual(all(OLD));
});

test('with nothing recorded as deployed, a failure says there is nothing to roll back to', async () => {
  prepare({ built: all(NEW), deployed: {}, brokenOnSmoke: [NEW] });
  const { code, output } = await rollOut('ssm');
  expect(code).toBe(1);
  expect(output).toMatch(/::error::no previous deployment is recorded/);
});

test('an image never built stops the deploy before anything changes', async () => {
  prepare({ built: { frontend: NEW, nginx: NEW }, deployed: {} });
  const { code, output } = await rollOut('ssm');
  expect(code).toBe(1);
  expect(output).toMatch(/no build of backend-rds recorded/);
  expect(readState().commands).toEqual([]);
});

test('builds already deployed (a waiting deploy took them along) are only smoke-tested', async () => {
  prepare({ built: all(NEW), deployed: all(NEW) });
  const { code, output } = await rollOut('ssm');
  expect(code).toBe(0);
  expect(output).toMatch(/deployed already/);
  expect(readState().commands).toEqual([]);
});
