// Compose's variable interpolation, as the Compose Specification describes it: `$$` is a
// literal dollar; `$VAR` and `${VAR}`; `${VAR:-default}` / `${VAR-default}` (unset or empty /
// unset); `${VAR:?message}` / `${VAR?message}` (required); `${VAR:+other}` / `${VAR+other}`.
// Defaults may hold further `${…}`. Enough to resolve our compose files the way
// `docker compose config` does, offline.

export type Env = Record<string, string | undefined>;

export class MissingVariableError extends Error {
  constructor(
    readonly variable: string,
    readonly hint: string,
  ) {
    super(`required variable ${variable} is missing a value: ${hint}`);
    this.name = 'MissingVariableError';
  }
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

interface Scan {
  output: string;
  /** Every variable the text names, whether or not it had a value. */
  used: Set<string>;
}

/** Index of the `}` that closes the `${` whose body starts at `from`. */
function closingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '$' && text[i + 1] === '$') i += 1;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new Error(`unclosed \${ in "${text}"`);
}

function substitute(body: string, env: Env, used: Set<string>, collecting: boolean): string {
  const name = NAME.exec(body)?.[0];
  if (!name) throw new Error(`invalid interpolation "\${${body}}"`);
  used.add(name);
  const rest = body.slice(name.length);
  const value = env[name];
  const isSet = value !== undefined;
  const isFilled = isSet && value !== '';
  if (rest === '') return value ?? '';
  const operator = /^(:?[-?+])/.exec(rest)?.[1];
  if (!operator) throw new Error(`invalid interpolation "\${${body}}"`);
  const argument = () => scan(rest.slice(operator.length), env, used, collecting).output;
  // Collecting names only: read every branch, fail on nothing.
  if (collecting) return argument();
  const present = operator.startsWith(':') ? isFilled : isSet;
  switch (operator.replace(':', '')) {
    case '-':
      return present ? value! : argument();
    case '?':
      if (!present) throw new MissingVariableError(name, argument());
      return value!;
    default: // '+'
      return present ? argument() : '';
  }
}

function scan(text: string, env: Env, used: Set<string>, collecting = false): Scan {
  let output = '';
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i];
    if (char !== '$') {
      output += char;
      continue;
    }
    const next = text[i + 1];
    if (next === '$') {
      output += '$';
      i += 1;
    } else if (next === '{') {
      const end = closingBrace(text, i + 2);
      output += substitute(text.slice(i + 2, end), env, used, collecting);
      i = end;
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) {
        output += '$';
        continue;
      }
      used.add(name);
      output += env[name] ?? '';
      i += name.length;
    }
  }
  return { output, used };
}

export function interpolate(text: string, env: Env): string {
  return scan(text, env, new Set()).output;
}

/** The variables a text names, in defaults too; a missing value is no error here. */
export function variablesIn(text: string): Set<string> {
  return scan(text, {}, new Set(), true).used;
}

/** Interpolates every string in a parsed YAML document (keys stay as they are). */
export function interpolateDeep<T>(value: T, env: Env): T {
  if (typeof value === 'string') return interpolate(value, env) as T;
  if (Array.isArray(value)) return value.map((item) => interpolateDeep(item, env)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolateDeep(item, env)]),
    ) as T;
  }
  return value;
}

/** Every variable any string of a parsed YAML document names. */
export function variablesInDeep(value: unknown, into = new Set<string>()): Set<string> {
  if (typeof value === 'string') for (const name of variablesIn(value)) into.add(name);
  else if (Array.isArray(value)) for (const item of value) variablesInDeep(item, into);
  else if (value !== null && typeof value === 'object') {
    for (const item of Object.values(value)) variablesInDeep(item, into);
  }
  return into;
}
