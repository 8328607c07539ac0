import type { RequestHandler } from 'express';
import { HttpError } from './http-errors';
import { isStorableText, UNSTORABLE_TEXT_MESSAGE } from './input-text';

export interface JsonProblem {
  /** Where in the value, e.g. `["cart", 3, "title"]`; `[]` for the value itself. */
  path: (string | number)[];
  message: string;
}

export interface JsonRules {
  /** Levels of arrays and objects allowed: `{}` is 1, `{"a":[1]}` is 2. */
  maxDepth: number;
  /**
   * Also refuse what could not be stored and given back as sent: text input-text.ts
   * refuses, `__proto__` as a key, numbers beyond JSON's range.
   */
  storable?: boolean;
}

interface Frame {
  value: unknown;
  depth: number;
  key: string | number | undefined;
  parent: Frame | undefined;
}

function pathOf(frame: Frame): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Frame | undefined = frame; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

const isPlainObject = (value: object): value is Record<string, unknown> => {
  const prototype: unknown = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/**
 * The first thing that makes `value` unfit to keep as JSON, or undefined. It walks with a
 * stack of its own, never by recursion, so a value nested a million levels deep is simply
 * too deep rather than a stack overflow, and it stops at the first level past `maxDepth`.
 * JSON.stringify, zod's `z.json()` and most loggers recurse: run this before them.
 */
export function findJsonProblem(value: unknown, rules: JsonRules): JsonProblem | undefined {
  const pending: Frame[] = [{ value, depth: 0, key: undefined, parent: undefined }];
  for (let frame = pending.pop(); frame; frame = pending.pop()) {
    const current = frame.value;
    if (typeof current === 'string') {
      if (rules.storable && !isStorableText(current)) return { path: pathOf(frame), message: UNSTORABLE_TEXT_MESSAGE };
      continue;
    }
    if (current === null || typeof current === 'boolean') continue;
    if (typeof current === 'number') {
      // JSON.parse reads 1e400 as Infinity, which JSON.stringify would write back as null.
      if (rules.storable && !Number.isFinite(current)) return { path: pathOf(frame), message: 'Numbers must be finite' };
      continue;
    }
    if (typeof current !== 'object' || !(Array.isArray(current) || isPlainObject(current))) {
      return { path: pathOf(frame), message: 'Not a JSON value' };
    }
    const depth = frame.depth + 1;
    if (depth > rules.maxDepth) {
      return { path: pathOf(frame), message: `Nested deeper than ${rules.maxDepth} levels of arrays and objects` };
    }
    const entries: [string | number, unknown][] = Array.isArray(current) ? [...current.entries()] : Object.entries(current);
    for (const [key, child] of entries) {
      if (rules.storable && typeof key === 'string') {
        const keyPath = () => [...pathOf(frame), key];
        if (key === '__proto__') return { path: keyPath(), message: '__proto__ cannot be a key' };
        if (!isStorableText(key)) return { path: keyPath(), message: `Keys: ${UNSTORABLE_TEXT_MESSAGE.toLowerCase()}` };
      }
      pending.push({ value: child, depth, key, parent: frame });
    }
  }
  return undefined;
}

/**
 * After the JSON body parser: no route sees a body nested deeper than `maxDepth`. Parsing
 * itself is safe (V8's JSON.parse does not recurse); what comes next (validation, logging,
 * serialising) often does, so a 100,000-level `[[[[…` stops here with a 400.
 */
export function refuseDeepJsonBodies(maxDepth: number): RequestHandler {
  return (req, _res, next) => {
    const problem = req.body === undefined ? undefined : findJsonProblem(req.body, { maxDepth });
    if (problem) {
      throw new HttpError(400, 'json_too_deep', `The request body is nested deeper than ${maxDepth} levels`);
    }
    next();
  };
}
