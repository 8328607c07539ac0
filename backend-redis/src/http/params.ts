import { z } from 'zod';
import { findJsonProblem, inputText } from '@bookstore/common';

/** 32 random bytes in base64url: 43 characters, never braces (they end up in hash tags). */
export const sessionIdSchema = inputText().regex(
  /^[A-Za-z0-9_-]{43}$/,
  'expected a session id (43 base64url characters)',
);

/** Levels of arrays and objects a stored value may have: plenty for a page or a session. */
export const STORED_JSON_MAX_DEPTH = 32;

/**
 * A JSON value we keep and hand back later: at most `STORED_JSON_MAX_DEPTH` levels deep,
 * only text we can store (see common's input-text.ts), no `__proto__` key, and at most
 * `maxBytes` once serialised, so one caller cannot fill Redis with one value. The walk is
 * iterative and comes first, so JSON.stringify (which recurses) only ever sees a bounded value.
 */
export const storedJson = (maxBytes: number) =>
  z.unknown().superRefine((value, ctx) => {
    const problem = findJsonProblem(value, { maxDepth: STORED_JSON_MAX_DEPTH, storable: true });
    if (problem) {
      ctx.addIssue({ code: 'custom', path: problem.path, message: problem.message });
    } else if (Buffer.byteLength(JSON.stringify(value)) > maxBytes) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${maxBytes} bytes as JSON` });
    }
  });
