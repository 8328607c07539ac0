// What each service reads from its environment, taken from its own zod schema (src/config.ts),
// so a variable added there is checked here without anyone writing it down twice.
import { readFileSync, readdirSync } from 'node:fs';
import { z } from 'zod';
import { configSchema as backendRdsSchema } from '../../../backend-rds/src/config';
import { configSchema as backendRedisSchema } from '../../../backend-redis/src/config';
import { configSchema as frontendSchema } from '../../../frontend/src/config';
import { repoPath } from './repo';

export const SERVICES = ['backend-rds', 'backend-redis', 'frontend'] as const;
export type Service = (typeof SERVICES)[number];

export const CONFIG_SCHEMAS: Record<Service, z.ZodType> = {
  'backend-rds': backendRdsSchema,
  'backend-redis': backendRedisSchema,
  frontend: frontendSchema,
};

/** The object schema under the refinements and transforms. */
function objectSchema(schema: z.ZodType): z.ZodObject {
  let current: unknown = schema;
  for (let depth = 0; depth < 20; depth += 1) {
    if (current instanceof z.ZodObject) return current;
    if (current instanceof z.ZodPipe) current = current.in;
    else if (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap();
    else break;
  }
  throw new Error('no object schema found under the config schema');
}

export function configVariables(service: Service): string[] {
  return Object.keys(objectSchema(CONFIG_SCHEMAS[service]).shape);
}

/**
 * What the seed and the migration step read besides the service's schema: every `env.NAME`
 * and every quoted 'NAME_LIKE_THIS' in backend-rds/prisma/seed*, prisma/seed/ and
 * prisma.config.ts (the demo accounts' variables are passed by name).
 */
export function seedVariables(): string[] {
  const dir = repoPath('backend-rds', 'prisma');
  const files = [
    repoPath('backend-rds', 'prisma.config.ts'),
    `${dir}/seed.ts`,
    ...readdirSync(`${dir}/seed`).filter((file) => file.endsWith('.ts')).map((file) => `${dir}/seed/${file}`),
  ];
  const names = new Set<string>();
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/env\.([A-Z][A-Z0-9_]*)|'([A-Z][A-Z0-9]*_[A-Z0-9_]+)'/g)) {
      names.add((match[1] ?? match[2])!);
    }
  }
  return [...names].sort();
}
