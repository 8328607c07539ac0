import { z } from 'zod';
import { inputText } from '@bookstore/common';
import { storedJson } from '../http/params';

export const CACHE_VALUE_MAX_BYTES = 200 * 1024;

/** Namespaces end up inside a hash tag, so only a small safe alphabet (no braces). */
export const namespaceParams = z.object({
  namespace: inputText().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lowercase letters, digits, - or _ (max 64)'),
});

/** Any printable ASCII without spaces, e.g. `books?page=2&genre=fantasy` (URL-encoded in paths). */
export const entryParams = namespaceParams.extend({
  key: inputText().regex(/^[\x21-\x7e]{1,512}$/, 'expected 1–512 printable ASCII characters without spaces'),
});

export const putEntryBody = z.strictObject({
  value: storedJson(CACHE_VALUE_MAX_BYTES),
  // Milliseconds for Redis PX (64-bit), so beyond int4 and not a jsonInt.
  ttlMs: z.number().min(10).max(30 * 86_400_000).int(),
});
