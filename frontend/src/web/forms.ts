import type { z } from 'zod';
import { isBackendError } from '../backends/backend-error';
import { CSRF_FIELD } from './csrf';

/** One message per field, keyed by the form field's name (which is also its element id). */
export type FieldProblems = Record<string, string>;

/** What a form (or a GET filter form) gave: its values, or what is wrong with each field. */
export type FormResult<T> =
  | { ok: true; values: T; raw: Record<string, string> }
  | { ok: false; problems: FieldProblems; raw: Record<string, string> };

/** What the user typed, as text, to put back in the fields (arrays: the first value). */
function rawValues(input: unknown): Record<string, string> {
  const raw: Record<string, string> = {};
  if (input && typeof input === 'object') {
    for (const [name, value] of Object.entries(input)) {
      if (name === CSRF_FIELD) continue;
      const first = Array.isArray(value) ? value[0] : value;
      if (typeof first === 'string') raw[name] = first;
    }
  }
  return raw;
}

/** Parses a form body or a query with a zod schema whose messages are written for shoppers. */
export function parseForm<S extends z.ZodType>(schema: S, input: unknown): FormResult<z.output<S>> {
  const raw = rawValues(input);
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, values: result.data, raw };
  const problems: FieldProblems = {};
  for (const issue of result.error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    problems[field] ??= issue.message;
  }
  return { ok: false, problems, raw };
}

/**
 * A backend's 400 `validation_failed` names its own fields (`shippingAddress.postalCode`);
 * `fieldFor` maps them onto the form's, so the same summary and inline messages show.
 * Undefined when the error is something else.
 */
export function problemsFromBackend(
  err: unknown,
  fieldFor: Record<string, string>,
): FieldProblems | undefined {
  if (!isBackendError(err, 400, 'validation_failed') || !Array.isArray(err.details)) return undefined;
  const problems: FieldProblems = {};
  for (const detail of err.details as { field?: unknown; message?: unknown }[]) {
    if (typeof detail.field !== 'string') continue;
    const field = fieldFor[detail.field] ?? 'form';
    problems[field] ??= typeof detail.message === 'string' ? detail.message : 'Check this field';
  }
  return problems;
}

/** The error summary's items: each links to its field (`#<field id>`). */
export function errorSummaryItems(problems: FieldProblems): { href: string; text: string }[] {
  return Object.entries(problems).map(([field, text]) => ({ href: `#${field}`, text }));
}
