// Every shell script in the repository passes shellcheck (Debian's package; .ci/install.sh
// installs it where it can).
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { REPO_ROOT, repoFiles, repoPath } from '../src/repo';

const isShellScript = (file: string) =>
  file.endsWith('.sh') ||
  (!/\.\w+$/.test(file) && existsSync(repoPath(file)) && /^#!.*\b(ba)?sh\b/.test(readFileSync(repoPath(file), 'utf8').split('\n', 1)[0]!));

const scripts = repoFiles().filter((file) => existsSync(repoPath(file)) && isShellScript(file));

test('the repository has shell scripts to check (the CI entry point among them)', () => {
  expect(scripts).toEqual(expect.arrayContaining(['.ci/run', '.ci/test.sh', 'docs/aws/deploy.sh', '.github/workflows/scripts/roll-out.sh']));
});

test('every shell script passes shellcheck', () => {
  let output = '';
  try {
    execFileSync('shellcheck', ['--version'], { stdio: 'ignore' });
  } catch {
    throw new Error('shellcheck is not installed: apt-get install shellcheck (as root, .ci/install.sh does it), or brew install shellcheck');
  }
  try {
    execFileSync('shellcheck', ['--format=gcc', '--external-sources', ...scripts], { cwd: REPO_ROOT, encoding: 'utf8' });
  } catch (err) {
    output = (err as { stdout?: string }).stdout ?? String(err);
  }
  expect(output).toBe('');
});
