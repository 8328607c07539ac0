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
 * can hold no tsquery syntax, so to_tsquery never sees raw user text.
 *
 * Candidates, both from GIN indexes and both bounded:
 * - text matches: `search_document @@ query` (books_search_document_idx), ranked with
 *   ts_rank_cd over the weighted document (title A, authors B, description C); normalisation
 *   32 maps the rank into 0..1. ts_rank_cd reads every matched tsvector, so ranking all
 *   28,000 matches of a very common word took 90 ms on 100,000 books: the LIMIT stops the
 *   scan at TEXT_CANDIDATES matches and only those are ranked (under 10 ms). A query that
 *   broad is ranked within that first slice; any specific query is ranked completely.
 * - typo matches: `words <% title` or `words <% author_names` (the trigram GIN indexes;
 *   <% is word_similarity above pg_trgm.word_similarity_threshold, 0.6 by default), so
 *   "pride and prejudise" finds "Pride and Prejudice" and "jane austin" finds Austen.
 *   Similarity is computed only for the rows the index returns, never the whole table;
 *   queries longer than a name skip the author_names index.
 *   This scan runs only when full-text found fewer than FUZZY_WHEN_FEWER_THAN books (an
 *   InitPlan evaluated once): a query that already matches plenty is not a typo, and common
 *   trigrams are the slowest part of the search.
 * Score = text rank + TRIGRAM_WEIGHT × similarity; ties fall back to the id so pages are stable.
 *
 * Highlights: ts_headline re-parses the text, which is expensive, so it runs in the outer
 * query over the page's rows only (the inner query has already applied LIMIT/OFFSET). It
 * wraps matches in private-use markers; the marker characters are stripped from the source
 * text first so only ts_headline can produce them (see highlight.ts for the HTML).
 *
 * Total: the count of candidates, so at most TEXT_CANDIDATES + FUZZY_CANDIDATES. Past that
 * the answer is "many": nobody pages through a thousand search results.
 */

const TEXT_CANDIDATES = 1000;
const FUZZY_CANDIDATES = 100;
const FUZZY_WHEN_FEWER_THAN = 20;
const TRIGRAM_WEIGHT = 0.5;
/** Longer queries cannot reach the similarity threshold against a name; skip that index. */
const MAX_NAME_WORDS = 3;
/** Highest offset + limit a search serves; the API bounds page × pageSize by this. */
export const MAX_SEARCH_RESULTS = TEXT_CANDIDATES + FUZZY_CANDIDATES;

const MARKERS = HIGHLIGHT_START + HIGHLIGHT_STOP;
const TITLE_HEADLINE_OPTIONS = `HighlightAll=true, StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
const SNIPPET_HEADLINE_OPTIONS =
  `MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", ` +
  `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;

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
  return Prisma.join(
    words.map((word, i) => wordQuery(word, i === words.length - 1)),
    ' && ',
  );
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
  const fuzzyText = words.join(' ');
  const authorFuzzyMatch =
    words.length <= MAX_NAME_WORDS ? Prisma.sql`OR ${fuzzyText} <% b.author_names` : Prisma.empty;
  return db.$queryRaw<SearchRow[]>`
    WITH query AS MATERIALIZED (SELECT ${textQuery(words)} AS q),
    text_matches AS (
      SELECT b.id, ts_rank_cd(b.search_document, query.q, 32) AS text_rank
      FROM books b CROSS JOIN query
      WHERE b.search_document @@ query.q AND b.archived_at IS NULL
      LIMIT ${TEXT_CANDIDATES}
    ),
    fuzzy_matches AS (
      SELECT b.id,
             greatest(word_similarity(${fuzzyText}, b.title),
                      word_similarity(${fuzzyText}, b.author_names)) AS similarity
      FROM books b
      WHERE (${fuzzyText} <% b.title ${authorFuzzyMatch})
        AND b.archived_at IS NULL
        AND (SELECT count(*) FROM text_matches) < ${FUZZY_WHEN_FEWER_THAN}
      ORDER BY similarity DESC, b.id
      LIMIT ${FUZZY_CANDIDATES}
    ),
    candidates AS (
      SELECT id, max(text_rank) + ${TRIGRAM_WEIGHT}::real * max(similarity) AS rank
      FROM (
        SELECT id, text_rank, 0::real AS similarity FROM text_matches
        UNION ALL
        SELECT id, 0::real, similarity FROM fuzzy_matches
      ) AS matched
      GROUP BY id
    ),
    page AS (
      SELECT id, rank FROM candidates ORDER BY rank DESC, id LIMIT ${limit} OFFSET ${offset}
    )
    SELECT page.id, page.rank, counted.total,
           ts_headline('english', translate(b.title, ${MARKERS}, ''), query.q,
                       ${TITLE_HEADLINE_OPTIONS}) AS title_headline,
           ts_headline('english', translate(b.description, ${MARKERS}, ''), query.q,
                       ${SNIPPET_HEADLINE_OPTIONS}) AS snippet_headline
    FROM (SELECT count(*) AS total FROM candidates) AS counted
    CROSS JOIN query
    LEFT JOIN page ON true
    LEFT JOIN books b ON b.id = page.id
    ORDER BY page.rank DESC, page.id`;
}
