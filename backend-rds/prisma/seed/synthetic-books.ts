import type { PrismaClient, Prisma } from '../../src/db/client';
import { refreshSearchDocuments } from '../../src/catalog/search-document';
import { DESCRIPTION_WORDS, FIRST_NAMES, LAST_NAMES, TITLE_WORDS } from './synthetic-words';

/** Real seed slugs never start with this, and synthetic books have no ISBN: no clashes. */
export const SYNTHETIC_BOOK_PREFIX = 'synthetic-book-';
export const SYNTHETIC_AUTHOR_PREFIX = 'synthetic-author-';
const AUTHOR_POOL_SIZE = 3_000;
export const DEFAULT_SYNTHETIC_BATCH_SIZE = 10_000;

export interface SyntheticSeedResult {
  /** Synthetic books already present before this run. */
  existing: number;
  created: number;
  total: number;
}

export interface SyntheticSeedOptions {
  batchSize?: number;
  onBatch?: (doneUpTo: number, target: number) => void;
}

type Tx = Prisma.TransactionClient;

// Every pseudo-random choice is hashtextextended(book number, salt): the same N always
// yields the same books, on any database, without shipping a random generator into SQL.

async function ensureAuthorPool(prisma: PrismaClient): Promise<number[]> {
  await prisma.$executeRaw`
    INSERT INTO authors (name, slug, bio)
    SELECT (${FIRST_NAMES}::text[])[1 + n % ${FIRST_NAMES.length}::int] || ' ' ||
           (${LAST_NAMES}::text[])[1 + (n / ${FIRST_NAMES.length}::int) % ${LAST_NAMES.length}::int],
           ${SYNTHETIC_AUTHOR_PREFIX}::text || n,
           'A synthetic author for benchmarks.'
    FROM generate_series(1, ${AUTHOR_POOL_SIZE}::int) AS n
    ON CONFLICT (slug) DO NOTHING`;
  const [pool] = await prisma.$queryRaw<{ ids: number[] }[]>`
    SELECT array_agg(id ORDER BY id) AS ids FROM authors
    WHERE slug LIKE ${SYNTHETIC_AUTHOR_PREFIX + '%'}`;
  return pool?.ids ?? [];
}

async function insertBookRange(tx: Tx, first: number, last: number): Promise<number[]> {
  const rows = await tx.$queryRaw<{ id: number }[]>`
    INSERT INTO books (title, slug, description, price_cents, stock, publication_year,
                       page_count, language, updated_at)
    SELECT t.title, ${SYNTHETIC_BOOK_PREFIX}::text || g.i,
           upper(left(d.words, 1)) || substr(d.words, 2) || '.',
           599 + h.price % 3401, h.stock % 101, 1850 + h.year % 175, 96 + h.pages % 800, 'en', now()
    FROM generate_series(${first}::int, ${last}::int) AS g(i)
    CROSS JOIN LATERAL (
      SELECT abs(hashtextextended(g.i::text, 1)) AS title_length,
             abs(hashtextextended(g.i::text, 2)) AS description_length,
             abs(hashtextextended(g.i::text, 3)) AS price,
             abs(hashtextextended(g.i::text, 4)) AS stock,
             abs(hashtextextended(g.i::text, 5)) AS year,
             abs(hashtextextended(g.i::text, 6)) AS pages) AS h
    CROSS JOIN LATERAL (
      SELECT initcap(string_agg(
               (${TITLE_WORDS}::text[])[1 + abs(hashtextextended(g.i::text, 100 + k)) % ${TITLE_WORDS.length}::int],
               ' ' ORDER BY k)) AS title
      FROM generate_series(1, 2 + (h.title_length % 5)::int) AS k) AS t
    CROSS JOIN LATERAL (
      SELECT string_agg(
               (${DESCRIPTION_WORDS}::text[])[1 + abs(hashtextextended(g.i::text, 200 + k)) % ${DESCRIPTION_WORDS.length}::int],
               ' ' ORDER BY k) AS words
      FROM generate_series(1, 20 + (h.description_length % 21)::int) AS k) AS d
    ON CONFLICT (slug) DO NOTHING
    RETURNING id`;
  return rows.map((r) => r.id);
}

/** One author (a second for one book in ten) and one or two categories per book. */
async function linkBookRange(tx: Tx, first: number, last: number, authorIds: number[], categoryIds: number[]) {
  await tx.$executeRaw`
    INSERT INTO book_authors (book_id, author_id, position)
    SELECT b.id, (${authorIds}::int[])[1 + abs(hashtextextended(g.i::text, 11)) % ${authorIds.length}::int], 0
    FROM generate_series(${first}::int, ${last}::int) AS g(i)
    JOIN books b ON b.slug = ${SYNTHETIC_BOOK_PREFIX}::text || g.i
    UNION ALL
    SELECT b.id, (${authorIds}::int[])[1 + abs(hashtextextended(g.i::text, 12)) % ${authorIds.length}::int], 1
    FROM generate_series(${first}::int, ${last}::int) AS g(i)
    JOIN books b ON b.slug = ${SYNTHETIC_BOOK_PREFIX}::text || g.i
    WHERE abs(hashtextextended(g.i::text, 13)) % 10 = 0
    ON CONFLICT DO NOTHING`;
  await tx.$executeRaw`
    INSERT INTO book_categories (book_id, category_id)
    SELECT b.id, (${categoryIds}::int[])[1 + abs(hashtextextended(g.i::text, 21)) % ${categoryIds.length}::int]
    FROM generate_series(${first}::int, ${last}::int) AS g(i)
    JOIN books b ON b.slug = ${SYNTHETIC_BOOK_PREFIX}::text || g.i
    UNION ALL
    SELECT b.id, (${categoryIds}::int[])[1 + abs(hashtextextended(g.i::text, 22)) % ${categoryIds.length}::int]
    FROM generate_series(${first}::int, ${last}::int) AS g(i)
    JOIN books b ON b.slug = ${SYNTHETIC_BOOK_PREFIX}::text || g.i
    WHERE abs(hashtextextended(g.i::text, 23)) % 3 = 0
    ON CONFLICT DO NOTHING`;
}

/**
 * Makes sure synthetic books number 1..`target` exist (slug synthetic-book-<n>, no ISBN),
 * in batches of one transaction each: books, links, initial stock ledger, search columns.
 * A second run with the same or a smaller target writes nothing; a larger one adds the rest.
 * Needs the categories of the real seed.
 */
export async function seedSyntheticBooks(
  prisma: PrismaClient,
  target: number,
  options: SyntheticSeedOptions = {},
): Promise<SyntheticSeedResult> {
  const batchSize = options.batchSize ?? DEFAULT_SYNTHETIC_BATCH_SIZE;
  const [categories] = await prisma.$queryRaw<{ ids: number[] | null }[]>`
    SELECT array_agg(id ORDER BY id) AS ids FROM categories`;
  const categoryIds = categories?.ids ?? [];
  if (categoryIds.length === 0) throw new Error('no categories: run `npm run db:seed` first');

  const [state] = await prisma.$queryRaw<{ count: number; highest: number }[]>`
    SELECT count(*)::int AS count,
           coalesce(max(substring(slug FROM ${SYNTHETIC_BOOK_PREFIX.length + 1}::int)::int), 0) AS highest
    FROM books WHERE slug ~ ${`^${SYNTHETIC_BOOK_PREFIX}[0-9]+$`}::text`;
  const existing = state?.count ?? 0;
  const highest = state?.highest ?? 0;
  if (highest >= target) return { existing, created: 0, total: existing };

  const authorIds = await ensureAuthorPool(prisma);
  let created = 0;
  for (let first = highest + 1; first <= target; first += batchSize) {
    const last = Math.min(first + batchSize - 1, target);
    created += await prisma.$transaction(
      async (tx) => {
        await tx.$executeRawUnsafe("SET LOCAL gin_pending_list_limit = '128MB'");
        const ids = await insertBookRange(tx, first, last);
        await linkBookRange(tx, first, last, authorIds, categoryIds);
        await tx.$executeRaw`
          INSERT INTO stock_adjustments (book_id, delta, reason, note, stock_after)
          SELECT id, stock, 'initial'::"StockChangeReason", 'synthetic seed', stock
          FROM books WHERE id = ANY(${ids}::int[])`;
        await refreshSearchDocuments(tx, ids);
        return ids.length;
      },
      { maxWait: 10_000, timeout: 300_000 },
    );
    options.onBatch?.(last, target);
  }
  // The batches park new GIN entries in the indexes' pending lists (merged in bulk, much
  // faster); merge them now, since searches scan a pending list linearly.
  await prisma.$queryRawUnsafe(
    `SELECT gin_clean_pending_list(index_name::regclass)
     FROM unnest(array['books_search_document_idx', 'books_title_trgm_idx', 'books_author_names_trgm_idx']) AS index_name`,
  );
  // Fresh statistics, or the planner keeps estimating the table at its old size.
  await prisma.$executeRawUnsafe('ANALYZE books, book_authors, book_categories, authors, stock_adjustments');
  return { existing, created, total: existing + created };
}
