/**
 * Turns what a shopper typed into plain words. Only letters and digits survive, so nothing a
 * user types can ever be read as tsquery syntax (`& | ! ( ) : *`) or as a LIKE pattern
 * (`% _ \`); the words then travel to PostgreSQL as bound parameters.
 */

/** More words add little to a book search and each one costs index work. */
export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;

export function queryWords(text: string): string[] {
  const words = text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.slice(0, MAX_QUERY_WORDS).map((word) => word.slice(0, MAX_WORD_LENGTH));
}
