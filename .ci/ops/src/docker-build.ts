// Runs a Dockerfile's steps outside Docker (this machine has no Docker engine): each stage
// gets a folder standing for its filesystem root; COPY copies from the repository (after
// .dockerignore) or from an earlier stage's folder; RUN runs in the stage's WORKDIR with the
// stage's ENV. Steps that install system packages (apt-get) are skipped: the base image's
// business, not the repository's. What the runtime stage's folder holds afterwards is what
// the image would hold.
//
// Like Docker's layer cache, an `npm install`/`npm ci` step whose inputs (every instruction
// and copied file before it) are unchanged is restored from a copy made the last time
// instead of run again: the inputs are the manifests and the lockfile, which rarely change,
// and the installs are most of the time a build takes.
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { dockerignoreRules, inBuildContext } from './dockerignore';
import { parseCopy, parseEnv, readDockerfile, type Stage } from './dockerfile';
import { REPO_ROOT } from './repo';

export interface StageResult {
  name: string;
  /** A digest of everything that went into the stage so far (the layer cache's key). */
  digest: string;
  root: string;
  workdir: string;
  env: Record<string, string>;
  cmd?: string[];
}

export interface BuildOptions {
  /** Where the stage folders go (one per stage). */
  workDir: string;
  buildArgs?: Record<string, string>;
  /** Extra environment for RUN steps (e.g. PRISMA_SCHEMA_ENGINE_BINARY on offline machines). */
  runEnv?: NodeJS.ProcessEnv;
}

/**
 * This process's environment without what npm put there for the `npm test` that started it
 * (npm_config_local_prefix and friends would point a RUN step's npm at the repository).
 */
function hostEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name) && name !== 'INIT_CWD'),
  );
}

/** `$NAME` and `${NAME}` from the stage's environment and arguments. */
function expand(text: string, values: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)\}|\$([A-Za-z_][A-Za-z0-9_]*)/g, (_, a, b) => values[a ?? b] ?? '');
}

function run(command: string, cwd: string, env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', command], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`RUN ${command}\nexited ${code} in ${cwd}:\n${output.slice(-4000)}`)),
    );
  });
}

const LAYER_CACHE = path.join(tmpdir(), 'bookstore-ops-npm-layers');
const LAYERS_KEPT = 12;

/**
 * `cp -a` (symlinks kept as they are, modes kept): a folder's contents into `destination`,
 * or a file onto it. Many times faster than fs.cpSync on a node_modules tree. `link`: hard
 * links instead of copies, for restoring a cached layer (nothing writes into those files
 * afterwards: copies onto them unlink first, see copyFromContext).
 */
function copyTree(source: string, destination: string, link = false) {
  const flags = link ? '-al' : '-a';
  if (statSync(source).isDirectory()) {
    mkdirSync(destination, { recursive: true });
    execFileSync('cp', [flags, `${source}/.`, destination]);
  } else {
    mkdirSync(path.dirname(destination), { recursive: true });
    if (existsSync(destination)) unlinkSync(destination);
    execFileSync('cp', [flags, source, destination]);
  }
}

const sha256 = (...parts: string[]) => createHash('sha256').update(parts.join('\0')).digest('hex');

/** A digest of a repository path's files that reach the build context. */
function contextDigest(source: string, rules: ReturnType<typeof dockerignoreRules>): string {
  const absolute = path.join(REPO_ROOT, source);
  if (!statSync(absolute).isDirectory()) return sha256(source, readFileSync(absolute).toString('base64'));
  const parts = readdirSync(absolute)
    .sort()
    .map((name) => path.posix.join(source.replace(/\/+$/, ''), name))
    .filter((relative) => inBuildContext(relative, rules))
    .map((relative) => contextDigest(relative, rules));
  return sha256(source, ...parts);
}

function restoreLayer(key: string, root: string): boolean {
  const entry = path.join(LAYER_CACHE, key);
  if (!existsSync(entry)) return false;
  rmSync(root, { recursive: true, force: true });
  copyTree(entry, root, true);
  return true;
}

function storeLayer(key: string, root: string) {
  mkdirSync(LAYER_CACHE, { recursive: true });
  const entry = path.join(LAYER_CACHE, key);
  const partial = `${entry}.partial-${process.pid}`;
  copyTree(root, partial);
  rmSync(entry, { recursive: true, force: true });
  renameSync(partial, entry);
  // Keep the newest few: a changed lockfile leaves the old layers unused.
  const entries = readdirSync(LAYER_CACHE)
    .filter((name) => !name.includes('.partial-'))
    .map((name) => ({ name, time: statSync(path.join(LAYER_CACHE, name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of entries.slice(LAYERS_KEPT)) rmSync(path.join(LAYER_CACHE, old.name), { recursive: true, force: true });
}

/** Copies the files of a repository folder that reach the build context (.dockerignore). */
function copyFromContext(source: string, destination: string, rules: ReturnType<typeof dockerignoreRules>) {
  const absolute = path.join(REPO_ROOT, source);
  if (!statSync(absolute).isDirectory()) {
    mkdirSync(path.dirname(destination), { recursive: true });
    // Unlinked first: the destination may be a hard link into the layer cache.
    if (existsSync(destination)) unlinkSync(destination);
    cpSync(absolute, destination);
    return;
  }
  mkdirSync(destination, { recursive: true });
  for (const entry of readdirSync(absolute, { withFileTypes: true })) {
    const relative = path.posix.join(source.replace(/\/+$/, ''), entry.name);
    if (!inBuildContext(relative, rules)) continue;
    copyFromContext(relative, path.join(destination, entry.name), rules);
  }
}

/** The context paths a Dockerfile copies (COPY without --from), for the existence check. */
export function contextSources(dockerfilePath: string): { source: string; line: number }[] {
  return readDockerfile(dockerfilePath).stages.flatMap((stage) =>
    stage.instructions
      .filter((instruction) => instruction.keyword === 'COPY' && !parseCopy(instruction.text).from)
      .flatMap((instruction) => parseCopy(instruction.text).sources.map((source) => ({ source, line: instruction.line }))),
  );
}

export async function buildOutsideDocker(dockerfilePath: string, options: BuildOptions): Promise<Map<string, StageResult>> {
  const { args, stages } = readDockerfile(dockerfilePath);
  const rules = dockerignoreRules();
  const results = new Map<string, StageResult>();
  const buildArgs = { ...args, ...options.buildArgs };

  for (const stage of stages) {
    const inherited = results.get(stage.base);
    const root = path.join(options.workDir, `stage-${stage.name}`);
    if (inherited) copyTree(inherited.root, root);
    else mkdirSync(root, { recursive: true });
    const result: StageResult = {
      name: stage.name,
      digest: sha256(stage.base, inherited?.digest ?? '', process.version),
      root,
      workdir: inherited?.workdir ?? '/',
      env: { ...inherited?.env },
      cmd: inherited?.cmd,
    };
    await runStage(stage, result, results, { buildArgs, rules, runEnv: options.runEnv ?? {} });
    results.set(stage.name, result);
  }
  return results;
}

async function runStage(
  stage: Stage,
  result: StageResult,
  earlier: Map<string, StageResult>,
  context: { buildArgs: Record<string, string>; rules: ReturnType<typeof dockerignoreRules>; runEnv: NodeJS.ProcessEnv },
) {
  const stageArgs: Record<string, string> = {};
  const inRoot = (target: string) => path.join(result.root, path.posix.resolve(result.workdir, target));
  for (const instruction of stage.instructions) {
    const values = { ...context.buildArgs, ...stageArgs, ...result.env };
    result.digest = sha256(result.digest, instruction.keyword, instruction.text, JSON.stringify(values));
    if (instruction.keyword === 'COPY') {
      const copy = parseCopy(instruction.text);
      const inputs = copy.sources.map((source) =>
        copy.from ? `${earlier.get(copy.from)?.digest}:${source}` : existsSync(path.join(REPO_ROOT, source)) ? contextDigest(source, context.rules) : source,
      );
      result.digest = sha256(result.digest, ...inputs);
    }
    switch (instruction.keyword) {
      case 'WORKDIR':
        result.workdir = path.posix.resolve(result.workdir, expand(instruction.text, values));
        mkdirSync(path.join(result.root, result.workdir), { recursive: true });
        break;
      case 'ARG': {
        const [name, fallback = ''] = instruction.text.split('=');
        stageArgs[name!] = context.buildArgs[name!] ?? fallback;
        break;
      }
      case 'ENV':
        for (const [name, value] of Object.entries(parseEnv(instruction.text))) {
          result.env[name] = expand(value, { ...values, PATH: values.PATH ?? '$PATH' });
        }
        break;
      case 'COPY': {
        const copy = parseCopy(instruction.text);
        const destination = inRoot(expand(copy.destination, values));
        const intoFolder = copy.destination.endsWith('/') || copy.sources.length > 1;
        for (const source of copy.sources) {
          if (copy.from) {
            const from = earlier.get(copy.from);
            if (!from) throw new Error(`line ${instruction.line}: COPY --from=${copy.from}: no such stage`);
            const absolute = path.join(from.root, source);
            if (!existsSync(absolute)) throw new Error(`line ${instruction.line}: stage ${copy.from} has no ${source}`);
            const target = intoFolder && !statSync(absolute).isDirectory() ? path.join(destination, path.basename(source)) : destination;
            copyTree(absolute, target);
          } else {
            if (!existsSync(path.join(REPO_ROOT, source))) throw new Error(`line ${instruction.line}: COPY ${source}: not in the repository`);
            if (!inBuildContext(source.replace(/\/+$/, ''), context.rules)) {
              throw new Error(`line ${instruction.line}: COPY ${source}: excluded by .dockerignore`);
            }
            const isFolder = statSync(path.join(REPO_ROOT, source)).isDirectory();
            copyFromContext(source, intoFolder && !isFolder ? path.join(destination, path.basename(source)) : destination, context.rules);
          }
        }
        break;
      }
      case 'RUN': {
        if (/^apt-get\b/.test(instruction.text)) break;
        const cacheable = /^npm (install|ci)\b/.test(instruction.text);
        if (cacheable && restoreLayer(result.digest, result.root)) break;
        // Absolute folders in PATH (/app/node_modules/.bin) are the stage's; the rest the host's.
        const stagePath = (result.env.PATH ?? '$PATH')
          .split(':')
          .map((entry) => (entry === '$PATH' ? process.env.PATH : existsSync(path.join(result.root, entry)) ? path.join(result.root, entry) : entry))
          .join(':');
        await run(instruction.text, path.join(result.root, result.workdir), {
          ...hostEnvironment(),
          ...context.runEnv,
          ...result.env,
          PATH: stagePath,
          npm_config_prefer_offline: 'true',
          npm_config_update_notifier: 'false',
        });
        if (cacheable) storeLayer(result.digest, result.root);
        break;
      }
      case 'CMD':
        result.cmd = JSON.parse(instruction.text) as string[];
        break;
      default: // USER, EXPOSE, HEALTHCHECK, LABEL: nothing to run
        break;
    }
  }
}
