// What runs on the instances, offline: docs/aws/deploy.sh with stand-ins for aws, curl and
// docker (it writes the .env compose reads, by image tag, never latest), and
// docs/aws/render-user-data.sh (the user data that pins each image's build).
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveCompose } from '../src/compose';
import { parseDotenv } from '../src/dotenv';
import { repoPath } from '../src/repo';
import { bookstoreEnvTemplate, expandHeredoc, STAGE_PAGES } from '../src/stages';

const SHA = 'c'.repeat(40);
const OTHER = 'd'.repeat(40);

let bin: string;
let home: string;
let statePath: string;
let dockerLog: string;

beforeEach(() => {
  bin = mkdtempSync(path.join(tmpdir(), 'deploy-sh-'));
  home = path.join(bin, 'opt-bookstore');
  mkdirSync(home);
  statePath = path.join(bin, 'state.json');
  dockerLog = path.join(bin, 'docker.log');
  const bookstoreEnv = path.join(bin, 'bookstore.env');
  writeFileSync(bookstoreEnv, expandHeredoc(bookstoreEnvTemplate(STAGE_PAGES[0])));
  writeFileSync(
    statePath,
    JSON.stringify({
      calls: [], parameters: {}, running: {}, brokenOnDeploy: [], brokenOnSmoke: [], commands: [],
      launchTemplateVersions: [], refreshes: [], uploads: [],
      objects: { 'app/docker-compose.prod.yml': repoPath('docker-compose.prod.yml'), 'app/bookstore.env': bookstoreEnv },
    }),
  );
  const fake = (name: string, body: string) => {
    writeFileSync(path.join(bin, name), `#!/bin/bash\n${body}\n`);
    chmodSync(path.join(bin, name), 0o755);
  };
  fake('aws', `exec node ${repoPath('.ci', 'ops', 'test', 'fakes', 'aws.mjs')} "$@"`);
  // IMDSv2: a token, then the region; anything saved with -o gets a stand-in file.
  fake('curl', `
for arg in "$@"; do case "$arg" in *api/token) echo imds-token; exit 0 ;; *placement/region) echo eu-west-1; exit 0 ;; esac; done
while [ $# -gt 0 ]; do [ "$1" = -o ] && echo "stand-in CA bundle" > "$2"; shift; done`);
  fake('docker', `[ "$1" = login ] && cat >/dev/null\necho "docker $*" >> ${dockerLog}`);
});

afterEach(() => rmSync(bin, { recursive: true, force: true }));

function deploySh(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile('bash', [repoPath('docs', 'aws', 'deploy.sh'), ...args], {
      env: { PATH: `${bin}:${process.env.PATH}`, BOOKSTORE_DIR: home, FAKE_AWS_STATE: statePath, HOME: bin },
    }, (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, output: `${stdout}${stderr}` }));
  });
}

const dockerCalls = () => (existsSync(dockerLog) ? readFileSync(dockerLog, 'utf8').trim().split('\n') : []);

test('up all=<sha>: writes the .env compose reads (bookstore.env, the registry, four tags), migrates (stage 1), starts and waits', async () => {
  const { code, output } = await deploySh('up', `all=${SHA}`);
  expect(`${code} ${output}`).toMatch(/^0 /);
  const env = parseDotenv(readFileSync(path.join(home, '.env'), 'utf8'));
  expect(env.ECR_REGISTRY).toBe('123456789012.dkr.ecr.eu-west-1.amazonaws.com');
  expect(env.COOKIE_SECRET).toBeTruthy();
  const model = resolveCompose('docker-compose.prod.yml', env);
  for (const image of ['backend-rds', 'backend-redis', 'frontend', 'nginx']) {
    expect(model.services[image]!.image).toBe(`123456789012.dkr.ecr.eu-west-1.amazonaws.com/bookstore/${image}:${SHA}`);
  }
  expect(dockerCalls()).toEqual([
    'docker login --username AWS --password-stdin 123456789012.dkr.ecr.eu-west-1.amazonaws.com',
    'docker compose -f docker-compose.prod.yml pull --quiet',
    'docker compose -f docker-compose.prod.yml --profile tools pull --quiet migrate',
    'docker compose -f docker-compose.prod.yml run --rm migrate',
    'docker compose -f docker-compose.prod.yml up -d --remove-orphans --wait --wait-timeout 300',
    'docker image prune -f',
    'docker compose -f docker-compose.prod.yml ps',
  ]);
  expect(readFileSync(path.join(home, 'certs', 'global-bundle.pem'), 'utf8')).toContain('stand-in');
});

test('up frontend=<sha>: that image moves, the others keep the build they run', async () => {
  await deploySh('up', `all=${SHA}`);
  const { code } = await deploySh('up', `frontend=${OTHER}`);
  expect(code).toBe(0);
  const env = parseDotenv(readFileSync(path.join(home, '.env'), 'utf8'));
  expect([env.BACKEND_RDS_IMAGE_TAG, env.FRONTEND_IMAGE_TAG, env.NGINX_IMAGE_TAG]).toEqual([SHA, OTHER, SHA]);
});

test.each([['frontend=latest'], ['all=main'], ['frontend'], ['shop=abcdef1']])('refuses %s before touching anything', async (argument) => {
  const { code, output } = await deploySh('up', argument);
  expect(code).not.toBe(0);
  expect(output).toMatch(/deploy\.sh: /);
  expect(dockerCalls()).toEqual([]);
});

test('refuses to start an image it has no tag for', async () => {
  const { code, output } = await deploySh('up', `frontend=${SHA}`);
  expect(code).not.toBe(0);
  expect(output).toContain('no image tag for backend-rds');
  expect(dockerCalls()).toEqual([]);
});

test('migrate: the migrations and the seed, and nothing is restarted', async () => {
  const { code } = await deploySh('migrate', `all=${SHA}`);
  expect(code).toBe(0);
  expect(dockerCalls().filter((call) => call.includes('compose'))).toEqual([
    'docker compose -f docker-compose.prod.yml --profile tools pull --quiet migrate',
    'docker compose -f docker-compose.prod.yml run --rm migrate',
  ]);
});

describe('render-user-data.sh', () => {
  const render = (...args: string[]) =>
    execFileSync('bash', [repoPath('docs', 'aws', 'render-user-data.sh'), ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  test('pins the four images and leaves no placeholder; the result is valid bash', () => {
    const userData = render(`all=${SHA}`, `frontend=${OTHER}`);
    expect(userData).toContain(`BACKEND_RDS_IMAGE_TAG=${SHA}\nBACKEND_REDIS_IMAGE_TAG=${SHA}\nFRONTEND_IMAGE_TAG=${OTHER}\nNGINX_IMAGE_TAG=${SHA}\n`);
    expect(userData).not.toMatch(/__[A-Z_]+__/);
    const file = path.join(bin, 'user-data.sh');
    writeFileSync(file, userData);
    expect(() => execFileSync('bash', ['-n', file])).not.toThrow();
  });

  test.each([[['frontend=' + SHA]], [['all=latest']], [['all=' + SHA, 'db=' + SHA]]])('refuses %j', (args) => {
    expect(() => render(...args)).toThrow();
  });
});
