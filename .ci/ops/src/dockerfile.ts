// Dockerfiles read into stages and instructions: enough to check what they copy and to run
// their steps outside Docker (docker-build.ts).
import { readRepoFile } from './repo';

export interface Instruction {
  keyword: string;
  /** Everything after the keyword, continuation lines joined, flags still in. */
  text: string;
  line: number;
}

export interface Stage {
  name: string;
  base: string;
  instructions: Instruction[];
}

export interface CopyInstruction {
  from?: string;
  sources: string[];
  destination: string;
}

export function parseDockerfile(text: string): { args: Record<string, string>; stages: Stage[] } {
  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i += 1) {
    const start = i;
    let line = lines[i]!;
    if (/^\s*(#|$)/.test(line)) continue;
    // Continuations: a trailing backslash joins the next line; comment lines inside are dropped.
    while (/\\\s*$/.test(line) && i + 1 < lines.length) {
      i += 1;
      if (/^\s*#/.test(lines[i]!)) continue;
      line = line.replace(/\\\s*$/, ' ') + lines[i]!.trim();
    }
    const match = /^\s*([A-Za-z]+)\s+([\s\S]*)$/.exec(line);
    if (!match) throw new Error(`line ${start + 1}: cannot read "${line}"`);
    const keyword = match[1]!.toUpperCase();
    const rest = match[2]!.trim();
    if (keyword === 'FROM') {
      const [base, as, name] = rest.split(/\s+/);
      stages.push({ name: as?.toUpperCase() === 'AS' ? name! : String(stages.length), base: base!, instructions: [] });
    } else if (keyword === 'ARG' && stages.length === 0) {
      const [name, value = ''] = rest.split('=');
      args[name!] = value;
    } else {
      if (stages.length === 0) throw new Error(`line ${start + 1}: ${keyword} before FROM`);
      stages.at(-1)!.instructions.push({ keyword, text: rest, line: start + 1 });
    }
  }
  return { args, stages };
}

export const readDockerfile = (path: string) => parseDockerfile(readRepoFile(path));

export function parseCopy(text: string): CopyInstruction {
  const words = text.trim().startsWith('[') ? (JSON.parse(text) as string[]) : text.trim().split(/\s+/);
  let from: string | undefined;
  const rest: string[] = [];
  for (const word of words) {
    if (word.startsWith('--from=')) from = word.slice('--from='.length);
    else if (word.startsWith('--')) continue; // --chown, --chmod, --link: no effect on what is copied
    else rest.push(word);
  }
  if (rest.length < 2) throw new Error(`COPY needs a source and a destination: ${text}`);
  return { from, sources: rest.slice(0, -1), destination: rest.at(-1)! };
}

/** `ENV A=1 B="two words"` (and the old `ENV A 1`) → { A: '1', B: 'two words' }. */
export function parseEnv(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  if (!/^\S+=/.test(text)) {
    const [name, ...value] = text.split(/\s+/);
    values[name!] = value.join(' ');
    return values;
  }
  for (const match of text.matchAll(/([A-Za-z_][A-Za-z0-9_]*)=("(?:[^"\\]|\\.)*"|\S*)/g)) {
    const raw = match[2]!;
    values[match[1]!] = raw.startsWith('"') ? raw.slice(1, -1).replace(/\\(.)/g, '$1') : raw;
  }
  return values;
}
