import { z } from 'zod';
import { inputText, textInt } from '@bookstore/common';
import { paginationSchema } from '../http/params';
import { queryWords } from './query-text';

/** What was typed, trimmed, bounded, and reduced to searchable words (at least one). */
function searchText(maxLength: number) {
  return inputText()
    .trim()
    .min(1)
    .max(maxLength)
    .transform((text, ctx) => {
      const words = queryWords(text);
      if (words.length === 0) {
        ctx.addIssue({ code: 'custom', message: 'The search needs at least one letter or digit' });
        return z.NEVER;
      }
      return words;
    });
}

export const searchQuery = paginationSchema.extend({ q: searchText(200) });

export const suggestQuery = z.object({
  q: searchText(100),
  limit: textInt(1, 20).default(8),
});
