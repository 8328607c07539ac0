import { z } from 'zod';
import { inputText } from './input-text';

/** PostgreSQL `integer` (int4), the widest integer column the services have. */
export const INT4_MIN = -2_147_483_648;
export const INT4_MAX = 2_147_483_647;

function assertFitsInt4(min: number, max: number): void {
  if (!Number.isSafeInteger(min) || !Number.isSafeInteger(max) || min < INT4_MIN || max > INT4_MAX || min > max) {
    throw new RangeError(`Integer bounds ${min}..${max} must lie within PostgreSQL integer`);
  }
}

/**
 * An integer in a JSON body: a number, never coerced from a string, bounded so it fits the
 * column it is written to (at most int4). The bounds are checked before `int`, so a huge
 * number is reported as too big rather than as not an integer.
 */
export function jsonInt(min: number, max: number) {
  assertFitsInt4(min, max);
  return z.number().min(min).max(max).int();
}

/**
 * An integer written as text (path, query, header): decimal digits only, so `1e3`, `0x10`,
 * ` 7` or `7.0` are refused instead of being read as numbers, then bounded like `jsonInt`.
 */
export function textInt(min: number, max: number) {
  assertFitsInt4(min, max);
  return inputText()
    .regex(/^-?\d+$/, 'Must be a whole number written in digits')
    .transform(Number)
    .pipe(jsonInt(min, max));
}

/** A row id in a JSON body (a positive int4, as `serial` columns hand out). */
export const jsonId = jsonInt(1, INT4_MAX);

/** A row id in a path, a query or a header. */
export const textId = textInt(1, INT4_MAX);
