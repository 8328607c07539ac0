// Every link, file, npm script and script command the docs name exists: a learner who copies
// a command from a page finds what it names.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { globToRegExp } from '../src/glob';
import { REPO_ROOT, repoFiles, repoPath } from '../src/repo';

const pages = repoFiles().filter(
  (file) => (file === 'README.md' || /^docs\/.*\.md$/.test(file)) && existsSync(repoPath(file)),
);
const TOP_LEVEL = new Set(readdirSync(REPO_ROOT).filter((name) => name !== 'node_modules' && name !== '.git'));
const WORKSPACES = ['common', 'backend-rds', 'backend-redis', 'frontend'];

const scriptsOf = (folder: string) =>
  Object.keys((JSON.parse(readFileSync(repoPath(folder, 'package.json'), 'utf8')) as { scripts?: object }).scripts ?? {});

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, heading] of markdown.replace(/```[\s\S]*?```/g, '').matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = heading!
      .trim()
      .toLowerCase()
      .replace(/[`*_]/g, '')
      .replace(/[^\p{L}\p{N}\s-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** A path git ignores is something a run makes (reports, screenshots), not a file to ship. */
const isGeneratedOutput = (candidate: string) =>
  spawnSync('git', ['check-ignore', '-q', '--no-index', candidate], { cwd: repoPath() }).status === 0;

const existsAsGlob = (candidate: string) => {
  if (isGeneratedOutput(candidate)) return true;
  if (!/[*?]/.test(candidate)) return existsSync(repoPath(candidate.replace(/\/+$/, '')));
  const pattern = globToRegExp(candidate.replace(/\/+$/, ''));
  return repoFiles().some((file) => {
    const parts = file.split('/');
    return parts.some((_, index) => pattern.test(parts.slice(0, index + 1).join('/')));
  });
};

/** Inline code that names a repository path: starts with a top-level entry of the repository. */
function namedPaths(markdown: string): string[] {
  const codeSpans = [...markdown.replace(/```[\s\S]*?```/g, '').matchAll(/`([^`\n]+)`/g)].map((m) => m[1]!.trim());
  return codeSpans.filter((span) => {
    if (/[\s<>$=:]/.test(span) || span.startsWith('/') || span.startsWith('~')) return false;
    const first = span.split('/')[0]!;
    return span.includes('/') ? TOP_LEVEL.has(first) || first === '*' : /\.(md|ya?ml|json|sh|mjs|ts|js)$/.test(span) && TOP_LEVEL.has(span);
  });
}

/** `npm run X [-w ws]`, `npm test`, `npm start`, with the workspace each runs in. */
function npmScripts(markdown: string): { script: string; workspace?: string; text: string }[] {
  const found: { script: string; workspace?: string; text: string }[] = [];
  for (const [text, script, , rest] of markdown.matchAll(/npm (?:run(?: -s| --silent)? ([\w:.-]+)|(?=test\b|start\b)(\w+))([^`\n|]*)/g)) {
    const name = script ?? /npm (\w+)/.exec(text!)![1]!;
    // `-w x` before `--` picks the workspace; what follows `--` is the script's own.
    const workspace = /(?:^|\s)(?:-w|--workspace)[ =]([\w-]+)/.exec((rest ?? '').split(' -- ')[0]!)?.[1];
    found.push({ script: name, workspace, text: text!.trim() });
  }
  return found;
}

/** Scripts a fenced bash block runs from the repository: `bash <path>`, `node <path>`. */
function scriptCommands(markdown: string): string[] {
  const blocks = [...markdown.matchAll(/```(?:bash|sh)?\n([\s\S]*?)```/g)].map((m) => m[1]!);
  return blocks.flatMap((block) =>
    [...block.matchAll(/(?:^|[\s;&|(])(?:bash|node|sh)\s+((?:\.{0,2}[\w-]+\/)+[\w.-]+)/g)].map((m) => m[1]!).filter((p) => TOP_LEVEL.has(p.split('/')[0]!)),
  );
}

test('there are pages to check', () => {
  expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/ci-cd.md', 'docs/03-rds-elasticache.md']));
});

describe.each(pages)('%s', (page) => {
  const markdown = readFileSync(repoPath(page), 'utf8');
  const here = path.posix.dirname(page);

  test('every relative link points at a file that exists, and at a heading it has', () => {
    const broken: string[] = [];
    for (const [, target] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
      if (/^(https?:|mailto:)/.test(target!)) continue;
      const [file, anchor] = target!.split('#') as [string, string | undefined];
      const resolved = file === '' ? page : path.posix.normalize(path.posix.join(here, file));
      if (!existsSync(repoPath(resolved))) {
        broken.push(`${target}: no ${resolved}`);
        continue;
      }
      if (anchor && resolved.endsWith('.md') && !anchors(readFileSync(repoPath(resolved), 'utf8')).has(anchor)) {
        broken.push(`${target}: no heading #${anchor} in ${resolved}`);
      }
    }
    expect(broken).toEqual([]);
  });

  test('every repository path it names in code exists', () => {
    expect(namedPaths(markdown).filter((candidate) => !existsAsGlob(candidate))).toEqual([]);
  });

  test('every npm script it names exists where it runs', () => {
    const missing = npmScripts(markdown).filter(({ script, workspace }) => {
      // Without -w it runs where the reader stands: the root, or a service's folder (npm run dev).
      const where = workspace ? [workspace] : ['.', ...WORKSPACES];
      if (workspace && !WORKSPACES.includes(workspace)) return true;
      return !where.some((folder) => scriptsOf(folder).includes(script));
    });
    expect(missing.map(({ text, workspace }) => `${text}${workspace ? ` (-w ${workspace})` : ''}`)).toEqual([]);
  });

  test('every script its commands run from the repository exists', () => {
    expect(scriptCommands(markdown).filter((script) => !existsSync(repoPath(script)))).toEqual([]);
  });
});
