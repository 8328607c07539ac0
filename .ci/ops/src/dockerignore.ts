// Which files of the build context Docker sends, after .dockerignore (the repository root is
// the context of every image). Docker's rules: later lines win, `!` re-includes, and a
// pattern that matches a folder excludes everything in it.
import { readRepoFile } from './repo';
import { globToRegExp } from './glob';

interface Rule {
  pattern: RegExp;
  include: boolean;
}

export function dockerignoreRules(text = readRepoFile('.dockerignore')): Rule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const include = line.startsWith('!');
      const pattern = (include ? line.slice(1) : line).replace(/^\/+/, '').replace(/\/+$/, '');
      return { pattern: globToRegExp(pattern), include };
    });
}

/** Whether the file (a path relative to the repository root) reaches the build. */
export function inBuildContext(file: string, rules = dockerignoreRules()): boolean {
  const parts = file.split('/');
  const candidates = parts.map((_, index) => parts.slice(0, index + 1).join('/'));
  let included = true;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.pattern.test(candidate))) included = rule.include;
  }
  return included;
}
