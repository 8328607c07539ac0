import type { PrismaClient, Prisma } from '../../src/db/client';
import { refreshSearchDocuments } from '../../src/catalog/search-document';
import type { Catalog } from './load-catalog';

export interface UpsertCounts {
  created: number;
  updated: number;
}

export interface CatalogSeedSummary {
  categories: UpsertCounts;
  authors: UpsertCounts;
  /** `updated` counts books whose descriptive fields changed; stock is never touched. */
  books: UpsertCounts & { total: number };
  searchDocumentsRefreshed: number;
}

type Tx = Prisma.TransactionClient;

// Rows travel as one jsonb parameter per statement (jsonb_to_recordset): a few statements
// for the whole catalog instead of one round trip per row.
const asJson = (rows: unknown[]) => JSON.stringify(rows);

function countUpserts(rows: { inserted: boolean }[]): UpsertCounts {
  const created = rows.filter((r) => r.inserted).length;
  return { created, updated: rows.length - created };
}

// `xmax = 0` is true only for a row this statement inserted (an updated row carries the
// updating transaction's id): the usual way to tell the two apart in ON CONFLICT DO UPDATE.
// The WHERE … IS DISTINCT FROM leaves unchanged rows alone, so a re-run writes nothing.

async function upsertCategories(tx: Tx, catalog: Catalog): Promise<UpsertCounts> {
  const rows = await tx.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO categories (slug, name, description)
    SELECT slug, name, description
    FROM jsonb_to_recordset(${asJson(catalog.categories)}::jsonb)
      AS c(slug text, name text, description text)
    ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name, description = EXCLUDED.description
    WHERE (categories.name, categories.description)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.description)
    RETURNING (xmax = 0) AS inserted`;
  return countUpserts(rows);
}

async function upsertAuthors(tx: Tx, catalog: Catalog): Promise<UpsertCounts> {
  const authors = catalog.authors.map((a) => ({
    slug: a.slug,
    name: a.name,
    bio: a.bio,
    birth_year: a.birthYear,
    death_year: a.deathYear,
  }));
  const rows = await tx.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO authors (slug, name, bio, birth_year, death_year)
    SELECT slug, name, bio, birth_year, death_year
    FROM jsonb_to_recordset(${asJson(authors)}::jsonb)
      AS a(slug text, name text, bio text, birth_year smallint, death_year smallint)
    ON CONFLICT (slug) DO UPDATE
      SET name = EXCLUDED.name, bio = EXCLUDED.bio,
          birth_year = EXCLUDED.birth_year, death_year = EXCLUDED.death_year
    WHERE (authors.name, authors.bio, authors.birth_year, authors.death_year)
      IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.bio, EXCLUDED.birth_year, EXCLUDED.death_year)
    RETURNING (xmax = 0) AS inserted`;
  return countUpserts(rows);
}

/**
 * Stock and units_sold are written only when a book is created: a re-seed must never undo
 * sales or an admin's stock adjustments. Archived books stay archived.
 */
async function upsertBooks(tx: Tx, catalog: Catalog): Promise<{ id: number; inserted: boolean }[]> {
  const books = catalog.books.map((b) => ({
    isbn: b.isbn,
    title: b.title,
    slug: b.slug,
    description: b.description,
    price_cents: b.priceCents,
    stock: b.stock,
    publication_year: b.publicationYear,
    page_count: b.pageCount,
    language: b.language,
  }));
  return tx.$queryRaw<{ id: number; inserted: boolean }[]>`
    INSERT INTO books (isbn, title, slug, description, price_cents, stock, publication_year,
                       page_count, language, updated_at)
    SELECT isbn, title, slug, description, price_cents, stock, publication_year,
           page_count, language, now()
    FROM jsonb_to_recordset(${asJson(books)}::jsonb)
      AS b(isbn text, title text, slug text, description text, price_cents int, stock int,
           publication_year smallint, page_count int, language text)
    ON CONFLICT (slug) DO UPDATE
      SET isbn = EXCLUDED.isbn, title = EXCLUDED.title, description = EXCLUDED.description,
          price_cents = EXCLUDED.price_cents, publication_year = EXCLUDED.publication_year,
          page_count = EXCLUDED.page_count, language = EXCLUDED.language, updated_at = now()
    WHERE (books.isbn, books.title, books.description, books.price_cents,
           books.publication_year, books.page_count, books.language)
      IS DISTINCT FROM (EXCLUDED.isbn, EXCLUDED.title, EXCLUDED.description, EXCLUDED.price_cents,
           EXCLUDED.publication_year, EXCLUDED.page_count, EXCLUDED.language)
    RETURNING id, (xmax = 0) AS inserted`;
}

/**
 * A book whose slug changed in the files keeps its row (its id, sales, reviews): it is found
 * by ISBN and renamed before the upsert by slug, which would otherwise insert a duplicate.
 */
async function renameBooksByIsbn(tx: Tx, catalog: Catalog): Promise<void> {
  const renames = catalog.books
    .filter((b) => b.isbn !== null)
    .map((b) => ({ isbn: b.isbn, slug: b.slug }));
  await tx.$executeRaw`
    UPDATE books b SET slug = f.slug, updated_at = now()
    FROM jsonb_to_recordset(${asJson(renames)}::jsonb) AS f(isbn text, slug text)
    WHERE b.isbn = f.isbn AND b.slug <> f.slug
      AND NOT EXISTS (SELECT 1 FROM books taken WHERE taken.slug = f.slug)`;
}

/** Makes each seeded book's authors (in cover order) and categories exactly the file's. */
async function linkBooks(tx: Tx, catalog: Catalog): Promise<void> {
  const authorLinks = catalog.books.flatMap((b) =>
    b.authors.map((author, position) => ({ book: b.slug, author, position })),
  );
  const categoryLinks = catalog.books.flatMap((b) =>
    b.categories.map((category) => ({ book: b.slug, category })),
  );
  const bookSlugs = catalog.books.map((b) => b.slug);

  await tx.$executeRaw`
    DELETE FROM book_authors ba
    USING books b
    WHERE b.id = ba.book_id AND b.slug = ANY(${bookSlugs}::text[])
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${asJson(authorLinks)}::jsonb) AS l(book text, author text)
        JOIN authors a ON a.slug = l.author
        WHERE l.book = b.slug AND a.id = ba.author_id)`;
  await tx.$executeRaw`
    INSERT INTO book_authors (book_id, author_id, position)
    SELECT b.id, a.id, l.position
    FROM jsonb_to_recordset(${asJson(authorLinks)}::jsonb) AS l(book text, author text, position smallint)
    JOIN books b ON b.slug = l.book
    JOIN authors a ON a.slug = l.author
    ON CONFLICT (book_id, author_id) DO UPDATE SET position = EXCLUDED.position
    WHERE book_authors.position IS DISTINCT FROM EXCLUDED.position`;

  await tx.$executeRaw`
    DELETE FROM book_categories bc
    USING books b
    WHERE b.id = bc.book_id AND b.slug = ANY(${bookSlugs}::text[])
      AND NOT EXISTS (
        SELECT 1 FROM jsonb_to_recordset(${asJson(categoryLinks)}::jsonb) AS l(book text, category text)
        JOIN categories c ON c.slug = l.category
        WHERE l.book = b.slug AND c.id = bc.category_id)`;
  await tx.$executeRaw`
    INSERT INTO book_categories (book_id, category_id)
    SELECT b.id, c.id
    FROM jsonb_to_recordset(${asJson(categoryLinks)}::jsonb) AS l(book text, category text)
    JOIN books b ON b.slug = l.book
    JOIN categories c ON c.slug = l.category
    ON CONFLICT DO NOTHING`;
}

/** The stock ledger starts with the seeded stock, so Σ delta = stock holds from day one. */
async function recordInitialStock(tx: Tx, createdBookIds: number[]): Promise<void> {
  if (createdBookIds.length === 0) return;
  await tx.$executeRaw`
    INSERT INTO stock_adjustments (book_id, delta, reason, note, stock_after)
    SELECT id, stock, 'initial'::"StockChangeReason", 'catalog seed', stock
    FROM books WHERE id = ANY(${createdBookIds}::int[])`;
}

/**
 * Writes the catalog in one transaction: categories, authors, books, their links, the
 * search columns and the initial stock ledger. Running it again with the same files
 * changes nothing.
 */
export async function upsertCatalog(prisma: PrismaClient, catalog: Catalog): Promise<CatalogSeedSummary> {
  return prisma.$transaction(
    async (tx) => {
      const categories = await upsertCategories(tx, catalog);
      const authors = await upsertAuthors(tx, catalog);
      await renameBooksByIsbn(tx, catalog);
      const changedBooks = await upsertBooks(tx, catalog);
      await linkBooks(tx, catalog);

      const slugs = catalog.books.map((b) => b.slug);
      const seeded = await tx.$queryRaw<{ id: number }[]>`
        SELECT id FROM books WHERE slug = ANY(${slugs}::text[])`;
      // Every seeded book, not only changed ones: an author's new name changes its books too.
      const searchDocumentsRefreshed = await refreshSearchDocuments(tx, seeded.map((b) => b.id));

      const createdIds = changedBooks.filter((b) => b.inserted).map((b) => b.id);
      await recordInitialStock(tx, createdIds);
      return {
        categories,
        authors,
        books: { ...countUpserts(changedBooks), total: seeded.length },
        searchDocumentsRefreshed,
      };
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}
