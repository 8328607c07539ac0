import type { PrismaClient } from '../db/client';
import { Prisma } from '../generated/prisma/client';
import { HIGHLIGHT_START, HIGHLIGHT_STOP } from './highlight';
import type { WordSpelling } from './spelling';

/*
 * Book search on PostgreSQL alone: full-text search for relevance, a vocabulary of title and
 * author words for typos (spelling.ts), pg_trgm for what resembles a title as a whole.
 *
 * Each sanitised word (letters and digits only, see query-text.ts) becomes a term:
 * - as typed: `to_tsquery('english', w) || to_tsquery('simple', w)`. The english stem matches
 *   titles and descriptions ("running" finds "run"), the simple form matches names exactly
 *   as typed ("dickens", which english would stem to "dicken"). The last word's simple form
 *   gets `:*`, so "pride and prej" already finds "Prejudice" while the shopper types. A stop word that is
 *   not the last one is dropped: descriptions are indexed without stop words, so requiring
 *   "a" or "the" would only lose matches.
 * - corrected: its nearest vocabulary words, `'dracula:AB | …'` in both configurations, found
 *   in titles and author names only (weights A and B): that is where they came from, and a
 *   correction matching descriptions ("dive" → "give") would only bring noise.
 * The words are bound parameters (corrections are vocabulary words, letters and digits
 * too) and can hold no tsquery syntax, so to_tsquery never sees raw user text. The terms
 * are written inline (not in a CTE) so the planner sees their value and picks the plan
 * from the real selectivity: the GIN index for rare words, a scan that stops at the LIMIT
 * for words in a third of the catalogue.
 *
 * Candidates, in three stages; each later one runs only when the ones before found nothing
 * (NOT EXISTS, an InitPlan evaluated first, so its index is not even read otherwise):
 * 1. all words: every word matches, as typed or corrected (`&&`). A word that is itself a
 *    title or author word is taken as typed here; only unknown words bring corrections,
 *    and a second scan then reads them as their corrections alone (allWordsStage).
 * 2. some words (two or more words): any word matches, as typed or corrected, known words'
 *    corrections included (`||`): "emma austin" when some author is called Austin, or a
 *    word that matches nothing at all ("dracula paperback"). Each word brings its first
 *    TEXT_CANDIDATES matches on its own (so a rare word's books are all there, even beside
 *    a word found in a third of the catalogue), and the best TEXT_CANDIDATES of those, by
 *    words matched, are kept: "dracula history" finds Dracula.
 * 3. resemblance: `words <% title` or `words <% author_names` (the trigram GIN indexes;
 *    <% is word_similarity above pg_trgm.word_similarity_threshold, 0.6 by default), for
 *    what no word matches ("harrypotter"), ordered by similarity. Similarity is computed
 *    only for the rows the index returns; queries longer than a name skip the author index.
 *
 * Rank: for each word, 1 if the book matches it as typed, 1 - CORRECTION_PENALTY if only
 * corrected, else 0; plus a relevance in 0..1: ts_rank_cd over the weighted document
 * (title A, authors B, description C, normalisation 32 so it lies in 0..1) and
 * TRIGRAM_WEIGHT × similarity(words, title), which lifts the book whose title is what was
 * typed ("dune" → "Dune" before "Dune Messiah"). So a book matching more words comes first,
 * then one matching them as typed, then the most relevant. Ranking reads every matched
 * tsvector, and ranking all 28,000 matches of a very common word took 90 ms on 100,000
 * books, so the LIMIT stops each scan at TEXT_CANDIDATES matches and only those are
 * scored: a query that broad is ranked within that first slice; any specific query is
 * ranked completely. Ties fall back to the id so pages are stable.
 *
 * Highlights: ts_headline re-parses the text, which is expensive, so it runs in the outer
 * query over the page's rows only (the `page` CTE has already applied LIMIT/OFFSET). It
 * marks every word as typed or corrected, with private-use markers; the marker characters
 * are stripped from the source text first so only ts_headline can produce them (see
 * highlight.ts for the HTML).
 *
 * Total: the number of candidates, so at most TEXT_CANDIDATES. Past that the answer is
 * "many": nobody pages through three hundred search results.
 */

const TEXT_CANDIDATES = 300;
const FUZZY_CANDIDATES = 100;
const TRIGRAM_WEIGHT = 0.5;
/** Below one: a corrected word counts less than one typed right, more than none. */
const CORRECTION_PENALTY = 0.3;
/** Longer queries cannot reach the similarity threshold against a name; skip that index. */
const MAX_NAME_WORDS = 3;

const MARKERS = HIGHLIGHT_START + HIGHLIGHT_STOP;
const MARKER_OPTIONS = `StartSel=${HIGHLIGHT_START}, StopSel=${HIGHLIGHT_STOP}`;
/** Whole titles, tags kept as text (escaped later); descriptions as two short fragments. */
const TITLE_HEADLINE_OPTIONS = `HighlightAll=true, ${MARKER_OPTIONS}`;
const SNIPPET_HEADLINE_OPTIONS =
  `MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … ", ${MARKER_OPTIONS}`;

function typedTerm(word: string, isLast: boolean): Prisma.Sql {
  if (isLast) {
    // The prefix is of the word as written: an english stem as prefix reads far too much
    // into a finished word ("editations" → edit:*, every author called Edith).
    return Prisma.sql`(to_tsquery('english', ${word}) || to_tsquery('simple', ${`${word}:*`}))`;
  }
  return Prisma.sql`(CASE WHEN numnode(to_tsquery('english', ${word})) = 0 THEN ''::tsquery
    ELSE to_tsquery('english', ${word}) || to_tsquery('simple', ${word}) END)`;
}

function correctedTerm(corrections: string[]): Prisma.Sql | undefined {
  if (corrections.length === 0) return undefined;
  const alternatives = corrections.map((word) => `${word}:AB`).join(' | ');
  // Both forms, like a word typed right: a title's stems and words then rank it the same.
  return Prisma.sql`(to_tsquery('english', ${alternatives}) || to_tsquery('simple', ${alternatives}))`;
}

interface WordTerms {
  typed: Prisma.Sql;
  corrected?: Prisma.Sql;
  /** Stage 1: corrections only for words that are not title or author words. */
  strict: Prisma.Sql;
  /** Stage 1's second reading: an unknown word replaced by its corrections. */
  meant?: Prisma.Sql;
  /** Stage 2 and highlights: every correction. */
  loose: Prisma.Sql;
}

function wordTerms(spelling: WordSpelling[]): WordTerms[] {
  return spelling.map(({ word, known, corrections }, i) => {
    const typed = typedTerm(word, i === spelling.length - 1);
    const corrected = correctedTerm(corrections);
    const loose = corrected ? Prisma.sql`(${typed} || ${corrected})` : typed;
    const meant = corrected && !known ? corrected : undefined;
    return { typed, corrected, strict: meant ? loose : typed, meant, loose };
  });
}

/**
 * Stage 1: the books matching every word, ranked. With a misspelt word, a second scan reads
 * every unknown word as its corrections only, in titles and author names: typed as it is,
 * "hous of leaves" is the english stem of "house" in thousands of descriptions, which would
 * otherwise fill the LIMIT before "House of Leaves" is reached.
 */
function allWordsStage(terms: WordTerms[], allWords: Prisma.Sql, rank: Prisma.Sql): Prisma.Sql {
  if (!terms.some((term) => term.meant)) {
    return Prisma.sql`
      SELECT b.id, ${rank} AS rank
      FROM books b
      WHERE b.search_document @@ ${allWords} AND b.archived_at IS NULL
      LIMIT ${TEXT_CANDIDATES}`;
  }
  const meantWords = Prisma.sql`(${Prisma.join(terms.map((term) => term.meant ?? term.typed), ' && ')})`;
  const scan = (tsquery: Prisma.Sql) => Prisma.sql`(
    SELECT id FROM books WHERE search_document @@ ${tsquery} AND archived_at IS NULL
    LIMIT ${TEXT_CANDIDATES})`;
  return Prisma.sql`
    SELECT b.id, ${rank} AS rank
    FROM books b
    WHERE b.id IN (${scan(allWords)} UNION ${scan(meantWords)})
    ORDER BY 2 DESC, b.id
    LIMIT ${TEXT_CANDIDATES}`;
}

/** Per word: 1 matched as typed, 1 - CORRECTION_PENALTY matched only corrected, else 0. */
function wordScore(terms: WordTerms[]): Prisma.Sql {
  const scores = terms.map(({ typed, corrected }) =>
    corrected
      ? Prisma.sql`CASE WHEN b.search_document @@ ${typed} THEN 1
          WHEN b.search_document @@ ${corrected} THEN ${1 - CORRECTION_PENALTY}::real ELSE 0 END`
      : Prisma.sql`(b.search_document @@ ${typed})::int`,
  );
  return Prisma.join(scores, ' + ');
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
  spelling: WordSpelling[],
  { limit, offset }: { limit: number; offset: number },
): Promise<SearchRow[]> {
  const words = spelling.map(({ word }) => word);
  const terms = wordTerms(spelling);
  const allWords = Prisma.sql`(${Prisma.join(terms.map((term) => term.strict), ' && ')})`;
  const anyWord = Prisma.sql`(${Prisma.join(terms.map((term) => term.loose), ' || ')})`;
  // An InitPlan, not a constant: the planner would otherwise estimate `<%` by running
  // word_similarity over its column statistics, which took longer than the search itself.
  const typed = Prisma.sql`(SELECT ${words.join(' ')}::text)`;
  const score = wordScore(terms);
  const relevance = (tsquery: Prisma.Sql) => Prisma.sql`
    (ts_rank_cd(b.search_document, ${tsquery}, 32)
      + ${TRIGRAM_WEIGHT}::real * similarity(${typed}, b.title)) / ${1 + TRIGRAM_WEIGHT}::real`;
  // Each word's first matches on their own, so a rare word's books are all there even
  // beside a word in a third of the catalogue; then the best of them by words matched.
  const eachWordMatches = terms.map(({ loose }) => Prisma.sql`(
    SELECT id FROM books
    WHERE search_document @@ ${loose} AND archived_at IS NULL AND NOT EXISTS (SELECT 1 FROM all_words)
    LIMIT ${TEXT_CANDIDATES})`);
  const someWords = words.length > 1
    ? Prisma.sql`
      UNION ALL (
        SELECT b.id, ${score} + ${relevance(anyWord)}
        FROM books b
        WHERE b.id IN (${Prisma.join(eachWordMatches, ' UNION ')})
        ORDER BY 2 DESC, b.id
        LIMIT ${TEXT_CANDIDATES}
      )`
    : Prisma.empty;
  const authorResemblance =
    words.length <= MAX_NAME_WORDS ? Prisma.sql`OR ${typed} <% b.author_names` : Prisma.empty;
  return db.$queryRaw<SearchRow[]>`
    WITH all_words AS (${allWordsStage(terms, allWords, Prisma.sql`${score} + ${relevance(allWords)}`)}),
    text_matches AS (
      SELECT id, rank FROM all_words ${someWords}
    ),
    candidates AS (
      SELECT id, rank FROM text_matches
      UNION ALL (
        SELECT b.id,
               ${TRIGRAM_WEIGHT}::real * greatest(word_similarity(${typed}, b.title),
                                                  word_similarity(${typed}, b.author_names))
        FROM books b
        WHERE (${typed} <% b.title ${authorResemblance})
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
           ts_headline('english', translate(b.title, ${MARKERS}, ''), ${anyWord},
                       ${TITLE_HEADLINE_OPTIONS}) AS title_headline,
           ts_headline('english', translate(b.description, ${MARKERS}, ''), ${anyWord},
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
