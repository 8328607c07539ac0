import type { z } from 'zod';
import { describeIssues } from './validate';

export class ConfigError extends Error {
  constructor(readonly problems: { field: string; message: string }[]) {
    super(
      'Invalid configuration:\n' + problems.map((p) => `  ${p.field}: ${p.message}`).join('\n'),
    );
    this.name = 'ConfigError';
  }
}

/**
 * Parses environment variables once, at start. A service with bad configuration refuses to
 * start and says which variable is wrong, instead of failing on the first request.
 */
export function loadConfig<S extends z.ZodType>(
  schema: S,
  env: NodeJS.ProcessEnv = process.env,
): z.output<S> {
  // Docker and shells hand unset-but-declared variables in as ''. Treat them as unset so
  // the schema's defaults apply.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new ConfigError(describeIssues(result.error));
  return result.data;
}
