import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');

export const repoPath = (...parts: string[]) => path.join(REPO_ROOT, ...parts);

export const readRepoFile = (...parts: string[]) => readFileSync(repoPath(...parts), 'utf8');

/**
 * The repository's files as git sees them: tracked, plus new ones not ignored. What a fresh
 * clone has (and what another helper left half-written does not count against it).
 */
export function repoFiles(): string[] {
  const output = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return output.split('\0').filter(Boolean);
}
