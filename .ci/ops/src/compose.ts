import { parse } from 'yaml';
import { readRepoFile } from './repo';
import { interpolateDeep, variablesInDeep, type Env } from './interpolate';

export const COMPOSE_FILES = ['docker-compose.yml', 'docker-compose.prod.yml'] as const;
export type ComposeFile = (typeof COMPOSE_FILES)[number];

export interface ComposeService {
  image?: string;
  build?: unknown;
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null> | string[];
  profiles?: string[];
  ports?: (string | Record<string, unknown>)[];
  volumes?: (string | Record<string, unknown>)[];
  depends_on?: unknown;
  [key: string]: unknown;
}

export interface ComposeModel {
  name?: string;
  services: Record<string, ComposeService>;
  [key: string]: unknown;
}

/** The file as YAML, anchors and `<<` merges resolved, nothing interpolated yet. */
export function readCompose(file: ComposeFile): ComposeModel {
  return parse(readRepoFile(file), { merge: true }) as ComposeModel;
}

/** Every variable the file interpolates. */
export function composeVariables(file: ComposeFile): Set<string> {
  return variablesInDeep(readCompose(file));
}

/** The file as `docker compose config` sees it with this environment (throws on a missing required one). */
export function resolveCompose(file: ComposeFile, env: Env): ComposeModel {
  return interpolateDeep(readCompose(file), env);
}

/** The services `up` starts with these profiles on (a service without profiles always runs). */
export function activeServices(model: ComposeModel, profiles: string[]): string[] {
  return Object.entries(model.services)
    .filter(([, service]) => !service.profiles || service.profiles.some((p) => profiles.includes(p)))
    .map(([name]) => name);
}

/** A service's environment as name → value strings (compose's list form too). */
export function serviceEnvironment(service: ComposeService): Record<string, string> {
  const environment = service.environment ?? {};
  if (Array.isArray(environment)) {
    return Object.fromEntries(
      environment.map((entry) => {
        const at = entry.indexOf('=');
        return at === -1 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, value === null ? '' : String(value)]),
  );
}
