import { execFileSync } from 'node:child_process';

let fromGit: string | undefined;

/**
 * The commit this code was started from (`git rev-parse --short HEAD`), asked once per
 * process; "dev" where there is no git or no repository (a Docker image: pass APP_VERSION).
 */
export function gitCommitOrDev(): string {
  if (fromGit !== undefined) return fromGit;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: __dirname,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
      timeout: 2000,
    }).trim();
    fromGit = /^[0-9a-f]{4,40}$/.test(commit) ? commit : 'dev';
  } catch {
    fromGit = 'dev';
  }
  return fromGit;
}
