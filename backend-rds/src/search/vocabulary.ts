import type { PrismaClient } from '../db/client';
import { Prisma } from '../generated/prisma/client';

/*
 * The search vocabulary: `search_words`, every word of the catalogue's titles and author
 * names with its keys (the word and each way of deleting one letter from it). The SQL
 * functions `search_words_of(title, author_names)` and `search_word_keys(word)` hold both
 * rules once, for the migration's backfill and for this file (migration 20261206130000).
 *
 * Kept in step by refreshSearchDocuments, which every catalog write and seed calls in its
 * own transaction: it adds the words of the books it refreshed. A word whose last book was
 * renamed or archived stays until the next full refresh; it can only be offered as a
 * correction that then matches no visible book, never as a wrong result.
 */

type Sql = Pick<PrismaClient, '$executeRaw'> | Prisma.TransactionClient;

/** Adds the words of these books (or rebuilds the vocabulary from every visible book). */
export async function addSearchWords(db: Sql, bookIds?: number[]): Promise<void> {
  if (bookIds && bookIds.length === 0) return;
  if (!bookIds) await db.$executeRaw`DELETE FROM search_words`;
  const books = bookIds ? Prisma.sql`AND b.id = ANY(${bookIds}::int[])` : Prisma.empty;
  // Sorted, so two transactions adding the same new words lock them in the same order.
  await db.$executeRaw`
    INSERT INTO search_words (word, keys)
    SELECT word, search_word_keys(word)
    FROM (
      SELECT DISTINCT word
      FROM books b, search_words_of(b.title, b.author_names) AS word
      WHERE b.archived_at IS NULL ${books}
    ) AS book_words
    ORDER BY word
    ON CONFLICT (word) DO NOTHING`;
}

export interface VocabularyMatch {
  /** The typed word is a title or author word (the last word: the start of one). */
  known: boolean;
  /** Vocabulary words that may be what was meant, most similar first; `known` words included. */
  candidates: string[];
}

/** Long words keep their trigrams through two typos, which the one-delete keys miss. */
export const TRIGRAM_LOOKUP_LENGTH = 8;
const CANDIDATES_PER_WORD = 20;

/**
 * One round trip for every word: is it known, and which vocabulary words share a key with
 * it (one typo away, and a few two away) or, when long, enough trigrams (`%`, pg_trgm's
 * similarity_threshold). Every look-up uses an index, over a table of a few thousand words.
 */
export async function lookUpWords(
  db: PrismaClient,
  words: { word: string; isPrefix: boolean }[],
): Promise<VocabularyMatch[]> {
  const rows = await db.$queryRaw<{ known: boolean; candidates: string[] }[]>`
    SELECT EXISTS (SELECT 1 FROM search_words w WHERE w.word = t.typed)
             -- A word that starts with it comes next in index order, if there is one.
             OR (t.is_prefix AND coalesce((SELECT starts_with(w.word, t.typed) FROM search_words w
                                           WHERE w.word >= t.typed ORDER BY w.word LIMIT 1), false))
             AS known,
           ARRAY(
             SELECT c.word FROM (
               SELECT w.word FROM search_words w WHERE w.keys && search_word_keys(t.typed)
               -- A union, not an OR: short words then skip the trigram index altogether.
               UNION
               SELECT w.word FROM search_words w
               WHERE length(t.typed) >= ${TRIGRAM_LOOKUP_LENGTH} AND w.word % t.typed
             ) AS c
             ORDER BY similarity(c.word, t.typed) DESC, c.word
             LIMIT ${CANDIDATES_PER_WORD}) AS candidates
    FROM unnest(${words.map((w) => w.word)}::text[], ${words.map((w) => w.isPrefix)}::boolean[])
         WITH ORDINALITY AS t(typed, is_prefix, position)
    ORDER BY t.position`;
  return rows;
}
