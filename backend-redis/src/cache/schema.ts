import { z } from 'zod';
import { boundedJson } from '../http/params';

export const CACHE_VALUE_MAX_BYTES = 200 * 1024;

/** Namespaces end up inside a hash tag, so only a small safe alphabet (no braces). */
export const namespaceParams = z.object({
  namespace: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'expected lowercase letters, digits, - or _ (max 64)'),
});

/** Any printable ASCII without spaces, e.g. `books?page=2&genre=fantasy` (URL-encoded in paths). */
export const entryParams = namespaceParams.extend({
  key: z.string().regex(/^[\x21-\x7e]{1,512}$/, 'expected 1–512 printable ASCII characters without spaces'),
});

export const putEntryBody = z.strictObject({
  value: boundedJson(z.json(), CACHE_VALUE_MAX_BYTES),
  ttlMs: z.number().int().min(10).max(30 * 86_400_000),
});
