import type { z } from 'zod';
import { HttpError } from './http-errors';

export interface FieldProblem {
  field: string;
  message: string;
}

/** zod's issues as `{ field: "items.0.quantity", message }`, the shape clients show. */
export function describeIssues(error: z.ZodError): FieldProblem[] {
  return error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      const keys = issue.keys.join(', ');
      return { field: path ? `${path}.${keys}` : keys, message: `Unknown field: ${keys}` };
    }
    return { field: path || '(body)', message: issue.message };
  });
}

/**
 * Parses untrusted input at the edge. Bad input becomes a 400 naming each field at fault,
 * so callers never reach a service with data it did not expect.
 */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  where: 'body' | 'query' | 'params' | 'headers' = 'body',
): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = describeIssues(result.error);
    const first = problems[0];
    const summary = first ? `${first.field}: ${first.message}` : 'invalid input';
    throw new HttpError(400, 'validation_failed', `Invalid ${where} (${summary})`, problems);
  }
  return result.data;
}
