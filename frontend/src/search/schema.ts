import { z } from 'zod';
import { pageField } from '../catalog/schema';

// With the `u` flag a surrogate pair reads as one code point, so only a lone one is \p{Cs}.
const LONE_SURROGATE = /\p{Cs}/u;

/** Text PostgreSQL cannot store or a shopper cannot type: NUL and other controls, lone surrogates. */
function isSearchable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return false;
  }
  return !LONE_SURROGATE.test(text);
}

export const searchText = (max: number) =>
  z
    .string({ error: 'Type one search at a time' })
    .trim()
    .max(max, `Searches can be up to ${max} characters`)
    .refine(isSearchable, 'The search contains characters we cannot look for');

export const searchQuery = z.object({ q: searchText(200).optional(), page: pageField });

export const suggestQuery = z.object({ q: searchText(100) });
