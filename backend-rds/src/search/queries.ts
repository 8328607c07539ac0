import type { PrismaClient } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './highlight';

/*
 * Book search on PostgreSQL alone: full-text search for relevance, pg_trgm for typos.
 *
 * The tsquery. Each sanitised word (letters and digits only, see query-text.ts) becomes
 * `to_tsquery('english', w) || to_tsquery('simple', w)`: the english stem matches titles and
 * descriptions ("running" finds "run"), the simple form matches names exactly as typed
 * ("dickens", which english would stem to "dicken"). Words are ANDed with `&&`. The last word
 * gets `:*`, so "pride and prej" already finds "Prejudice" while the shopper types. A stop
 * word that is not the last one is dropped: descriptions are indexed without stop words,
 * so requiring "a" or "the" would only lose matches. The words are bound parameters and
 * can hold no tsquery syntax, so to_tsquery never sees raw user text. The expression is
 * written inline (not in a CTE) so the planner sees its value and picks the plan from
 * the real selectivity: the GIN index for rare words, a scan that stops at the LIMIT for
 * words in a third of the catalogue.
 *
 * Candidates, both bounded:
 * - text matches: `search_document @@ tsquery` (books_search_document_idx). ts_rank_cd
 *   over the weighted document (title A, authors B, description C, normalisation 32 so it
 *   lies in 0..1) plus TRIGRAM_WEIGHT × similarity(words, title), which lifts the book
 *   whose title is what was typed ("dune" → "Dune" before "Dune Messiah"). Ranking reads
 *   every matched tsvector, and ranking all 28,000 matches of a very common word took
 *   90 ms on 100,000 books, so the LIMIT stops the scan at TEXT_CANDIDATES matches and
 *   only those are scored. A query that broad is ranked within that first slice; any
 *   specific query is ranked completely.
 * - typo matches: `words <% title` or `words <% author_names` (the trigram GIN indexes;
 *   <% is word_similarity above pg_trgm.word_similarity_threshold, 0.6 by default), so
 *   "pride and prejudise" finds "Pride and Prejudice" and "jane austin" finds Austen.
 *   Similarity is computed only for the rows the index returns, never the whole table;
 *   queries longer than a name skip the author_names index. This scan runs only when
 *   full-text found nothing (NOT EXISTS, an InitPlan evaluated first, so the index is not
 *   even read otherwise): when every typed word matches a book, the words are not misspelt,
 *   and a long query's many common trigrams make this the slowest step (about 10 ms for
 *   five words on 100,000 titles). The two sets are therefore disjoint.
 * Ties fall back to the id so pages are stable.
 *
 * Highlights: ts_headline re-parses the text, which is expensive, so it runs in the outer
 * query over the page's rows only (the `page` CTE has already applied LIMIT/OFFSET). It
 * wraps matches in private-use markers; the marker characters are stripped from the source
 * text first so only ts_headline can produce them (see highlight.ts for the HTML).
 *
 * Total: the number of candidates, so at most TEXT_CANDIDATES. Past that the answer is
 * "many": nobody pages through three hundred search results.
 */

const TEXT_CANDIDATES = 300;
const FUZZY_CANDIDATES = 100;
const TRIGRAM_WEIGHT = 0.5;
/** Longer queries cannot reach the similarity threshold against a name; skip that index. */
const MAX_NAME_WORDS = 3;

const MARKERS = HIGHLIGHT_START + HIGHLIGHT_STOP;
const MARKER_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
/** Whole titles, tags kept as text (escaped later); descriptions as two short fragments. */
const TITLE_HEADLINE_OPTIONS = `HighlightAll=true, ${MARKER_OPTIONS}`;
const SNIPPET_HEADLINE_OPTIONS =
  `MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", ${MARKER_OPTIONS}`;

function wordQuery(word: string, isLast: boolean): Prisma.Sql {
  if (isLast) {
    const prefix = `${word}:*`;
    return Prisma.sql`(to_tsquery('english', ${prefix}) || to_tsquery('simple', ${prefix}))`;
  }
  return Prisma.sql`(CASE WHEN numnode(to_tsquery('english', ${word})) = 0 THEN ''::tsquery
    ELSE to_tsquery('english', ${word}) || to_tsquery('simple', ${word}) END)`;
}

/** The tsquery for sanitised words (never empty: the API refuses an empty search). */
export function textQuery(words: string[]): Prisma.Sql {
  const terms = words.map((word, i) => wordQuery(word, i === words.length - 1));
  // Parenthesised: `doc @@ a && b` would parse as `(doc @@ a) && b`.
  return Prisma.sql`(${Prisma.join(terms, ' && ')})`;
}

export interface SearchRow {
  id: number | null;
  rank: number | null;
  total: bigint;
  title_headline: string | null;
  snippet_headline: string | null;
}

export function searchBooks(
  db: PrismaClient,
  words: string[],
  { limit, offset }: { limit: number; offset: number },
): Promise<SearchRow[]> {
  const tsquery = textQuery(words);
  // An InitPlan, not a constant: the planner would otherwise estimate `<%` by running
  // word_similarity over its column statistics, which took longer than the search itself.
  const typed = Prisma.sql`(SELECT ${words.join(' ')}::text)`;
  const authorFuzzyMatch =
    words.length <= MAX_NAME_WORDS ? Prisma.sql`OR ${typed} <% b.author_names` : Prisma.empty;
  return db.$queryRaw<SearchRow[]>`
    WITH text_matches AS (
      SELECT b.id,
             ts_rank_cd(b.search_document, ${tsquery}, 32)
               + ${TRIGRAM_WEIGHT}::real * similarity(${typed}, b.title) AS rank
      FROM books b
      WHERE b.search_document @@ ${tsquery} AND b.archived_at IS NULL
      LIMIT ${TEXT_CANDIDATES}
    ),
    candidates AS (
      SELECT id, rank FROM text_matches
      UNION ALL (
        SELECT b.id,
               ${TRIGRAM_WEIGHT}::real * greatest(word_similarity(${typed}, b.title),
                                                  word_similarity(${typed}, b.author_names))
        FROM books b
        WHERE (${typed} <% b.title ${authorFuzzyMatch})
          AND b.archived_at IS NULL
          AND NOT EXISTS (SELECT 1 FROM text_matches)
        -- Ordered before the LIMIT: keeps the most similar books, and stops the planner from
        -- betting on a sequential scan that "ends early" (it never does when nothing matches).
        ORDER BY 2 DESC, b.id
        LIMIT ${FUZZY_CANDIDATES}
      )
    ),
    page AS (
      SELECT id, rank FROM candidates ORDER BY rank DESC, id LIMIT ${limit} OFFSET ${offset}
    )
    SELECT page.id, page.rank, counted.total,
           ts_headline('english', translate(b.title, ${MARKERS}, ''), ${tsquery},
                       ${TITLE_HEADLINE_OPTIONS}) AS title_headline,
           ts_headline('english', translate(b.description, ${MARKERS}, ''), ${tsquery},
                       ${SNIPPET_HEADLINE_OPTIONS}) AS snippet_headline
    FROM (SELECT count(*) AS total FROM candidates) AS counted
    LEFT JOIN page ON true
    LEFT JOIN books b ON b.id = page.id
    ORDER BY page.rank DESC, page.id`;
}

/*
 * Suggestions while typing: the same tsquery idea on the `simple` configuration only (typed
 * letters are literal prefixes, not stems), restricted to weights A and B (title, authors)
 * with `:AB` / `:*AB`, so a description never suggests a book. The index cannot check
 * weights (each hit is rechecked on the row) and a short prefix matches most of the
 * catalogue, so the inner LIMIT stops at the first SUGGEST_CANDIDATES title or author
 * matches and only those are ordered: titles that start with the typed text first, then
 * bestsellers. 200 candidates cost 10 ms for a common prefix on 100,000 books, 50 cost 3 ms.
 */
const SUGGEST_CANDIDATES = 50;

export interface SuggestRow {
  id: number;
  slug: string;
  title: string;
  author_names: string;
}

export function suggestBooks(db: PrismaClient, words: string[], limit: number): Promise<SuggestRow[]> {
  const terms = words.map((word, i) => {
    const term = i === words.length - 1 ? `${word}:*AB` : `${word}:AB`;
    return Prisma.sql`to_tsquery('simple', ${term})`;
  });
  const typed = words.join(' ');
  return db.$queryRaw<SuggestRow[]>`
    SELECT id, slug, title, author_names
    FROM (
      SELECT id, slug, title, author_names, units_sold
      FROM books
      WHERE search_document @@ (${Prisma.join(terms, ' && ')}) AND archived_at IS NULL
      LIMIT ${SUGGEST_CANDIDATES}
    ) AS candidates
    ORDER BY starts_with(lower(title), ${typed}) DESC, units_sold DESC, id
    LIMIT ${limit}`;
}
