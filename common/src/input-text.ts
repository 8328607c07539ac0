import { z } from 'zod';

// With the `u` flag a surrogate pair reads as one code point, so only a lone one is \p{Cs}.
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Text we can store and send back: no NUL (PostgreSQL `text` cannot hold U+0000) and no
 * lone UTF-16 surrogate (not Unicode: UTF-8, hence PostgreSQL and JSON readers, cannot carry
 * it). JavaScript strings allow both, so a request can carry them; they stop at the edge.
 */
export function isStorableText(value: string): boolean {
  return !value.includes('\u0000') && !LONE_SURROGATE.test(value);
}

export const UNSTORABLE_TEXT_MESSAGE = 'Must not contain NUL characters or unpaired UTF-16 surrogates';

/**
 * The one string every input schema starts from, in a path, a query, a header or a body:
 * `inputText().trim().min(1).max(300)`. Formats (e-mail, URL, date) pipe from it
 * (`inputText().pipe(z.email())`) so the rule holds for them too.
 */
export const inputText = () => z.string().refine(isStorableText, UNSTORABLE_TEXT_MESSAGE);
