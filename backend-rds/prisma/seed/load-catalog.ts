import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  authorRecordSchema,
  bookFileSchema,
  bookRecordSchema,
  bookReferencesSchema,
  categoryFileSchema,
  type AuthorRecord,
  type BookRecord,
  type BookReferences,
  type CategoryRecord,
} from './catalog-schema';

export const DEFAULT_DATA_DIR = path.join(__dirname, '..', 'data');
const CATEGORIES_FILE = 'categories.json';
const BOOK_FILE_PATTERN = /^books-.+\.json$/;

/** Everything the seed writes, validated and with authors merged across files. */
export interface Catalog {
  categories: CategoryRecord[];
  authors: AuthorRecord[];
  books: BookRecord[];
  /** The book files read, in the order they were merged. */
  files: string[];
}

/** A source file's name and its parsed JSON (or the parse error's message). */
export interface CatalogSource {
  file: string;
  content: unknown;
  parseError?: string;
}

export class InvalidCatalogError extends Error {
  constructor(readonly problems: string[]) {
    super(
      `the catalog data has ${problems.length} problem(s):\n` +
        problems.slice(0, 50).map((p) => `  - ${p}`).join('\n') +
        (problems.length > 50 ? `\n  … and ${problems.length - 50} more` : ''),
    );
    this.name = 'InvalidCatalogError';
  }
}

function describeIssues(where: string, error: z.ZodError): string[] {
  return error.issues.map((issue) =>
    issue.path.length ? `${where}.${issue.path.map(String).join('.')}: ${issue.message}` : `${where}: ${issue.message}`,
  );
}

/** Parses each row on its own; "books[12] (slug "dune")" beats a bare index when hunting a typo. */
function parseRows<T>(file: string, section: string, rows: unknown[], schema: z.ZodType<T>, problems: string[]): T[] {
  const valid: T[] = [];
  rows.forEach((row, index) => {
    const parsed = schema.safeParse(row);
    if (parsed.success) {
      valid.push(parsed.data);
      return;
    }
    const slug = row && typeof row === 'object' ? (row as { slug?: unknown }).slug : undefined;
    const where = `${file}: ${section}[${index}]${typeof slug === 'string' ? ` (slug "${slug}")` : ''}`;
    problems.push(...describeIssues(where, parsed.error));
  });
  return valid;
}

/** Same author in two files: the facts must agree; the first file's bio wins. */
function mergeAuthor(existing: AuthorRecord, incoming: AuthorRecord, file: string): string[] {
  const problems: string[] = [];
  for (const field of ['name', 'birthYear', 'deathYear'] as const) {
    const a = existing[field];
    const b = incoming[field];
    if (a !== null && b !== null && a !== b) {
      problems.push(`${file}: author "${incoming.slug}" has ${field} ${JSON.stringify(b)}, another file says ${JSON.stringify(a)}`);
    } else if (a === null && b !== null) {
      (existing as Record<typeof field, unknown>)[field] = b;
    }
  }
  if (!existing.bio && incoming.bio) existing.bio = incoming.bio;
  return problems;
}

function checkReferences(
  references: { book: BookReferences; file: string }[],
  authorSlugs: Set<string>,
  categorySlugs: Set<string>,
): string[] {
  const problems: string[] = [];
  for (const { book, file } of references) {
    const where = `${file}: book "${book.slug}"`;
    for (const slug of book.authors.filter((s) => !authorSlugs.has(s))) problems.push(`${where}: unknown author "${slug}"`);
    for (const slug of book.categories.filter((s) => !categorySlugs.has(s))) {
      problems.push(`${where}: unknown category "${slug}"`);
    }
    if (new Set(book.authors).size !== book.authors.length) problems.push(`${where}: an author is listed twice`);
    if (new Set(book.categories).size !== book.categories.length) problems.push(`${where}: a category is listed twice`);
  }
  return problems;
}

/**
 * Checks the whole catalog and collects every problem rather than stopping at the first,
 * so one run of the seed lists everything a data author has to fix.
 */
export function validateCatalog(categoriesSource: CatalogSource, bookSources: CatalogSource[]): Catalog {
  const problems: string[] = [];
  const categories: CategoryRecord[] = [];

  if (categoriesSource.parseError) {
    problems.push(`${categoriesSource.file}: ${categoriesSource.parseError}`);
  } else {
    const parsed = categoryFileSchema.safeParse(categoriesSource.content);
    if (parsed.success) categories.push(...parsed.data);
    else problems.push(...describeIssues(categoriesSource.file, parsed.error));
  }
  const categorySlugs = new Set<string>();
  for (const category of categories) {
    if (categorySlugs.has(category.slug)) {
      problems.push(`${categoriesSource.file}: category slug "${category.slug}" appears twice`);
    }
    categorySlugs.add(category.slug);
  }

  const authors = new Map<string, AuthorRecord>();
  const books: { book: BookRecord; file: string }[] = [];
  const references: { book: BookReferences; file: string }[] = [];
  for (const source of bookSources) {
    if (source.parseError) {
      problems.push(`${source.file}: ${source.parseError}`);
      continue;
    }
    const outline = bookFileSchema.safeParse(source.content);
    if (!outline.success) {
      problems.push(...describeIssues(source.file, outline.error));
      continue;
    }
    for (const author of parseRows(source.file, 'authors', outline.data.authors, authorRecordSchema, problems)) {
      const known = authors.get(author.slug);
      if (known) problems.push(...mergeAuthor(known, author, source.file));
      else authors.set(author.slug, { ...author });
    }
    const fileBooks = parseRows(source.file, 'books', outline.data.books, bookRecordSchema, problems);
    books.push(...fileBooks.map((book) => ({ book, file: source.file })));
    for (const row of outline.data.books) {
      const parsed = bookReferencesSchema.safeParse(row);
      if (parsed.success) references.push({ book: parsed.data, file: source.file });
    }
  }
  problems.push(...checkReferences(references, new Set(authors.keys()), categorySlugs));

  const seenSlugs = new Map<string, string>();
  const seenIsbns = new Map<string, string>();
  for (const { book, file } of books) {
    const where = `${file}: book "${book.slug}"`;
    const slugOwner = seenSlugs.get(book.slug);
    if (slugOwner) problems.push(`${where}: slug already used in ${slugOwner}`);
    seenSlugs.set(book.slug, file);
    if (book.isbn !== null) {
      const isbnOwner = seenIsbns.get(book.isbn);
      if (isbnOwner) problems.push(`${where}: ISBN ${book.isbn} already used by ${isbnOwner}`);
      seenIsbns.set(book.isbn, `"${book.slug}" in ${file}`);
    }
  }

  if (problems.length > 0) throw new InvalidCatalogError(problems);
  return {
    categories,
    authors: [...authors.values()],
    books: books.map(({ book }) => book),
    files: bookSources.map((s) => s.file),
  };
}

async function readSource(dataDir: string, file: string): Promise<CatalogSource> {
  const text = await readFile(path.join(dataDir, file), 'utf8');
  try {
    return { file, content: JSON.parse(text) };
  } catch (err) {
    return { file, content: undefined, parseError: `not valid JSON (${(err as Error).message})` };
  }
}

/** Reads categories.json and every books-*.json (in name order) from `dataDir`, validated. */
export async function loadCatalog(dataDir = DEFAULT_DATA_DIR): Promise<Catalog> {
  const bookFiles = (await readdir(dataDir)).filter((f) => BOOK_FILE_PATTERN.test(f)).sort();
  const [categories, ...books] = await Promise.all(
    [CATEGORIES_FILE, ...bookFiles].map((file) => readSource(dataDir, file)),
  );
  return validateCatalog(categories!, books);
}
