import { z } from 'zod';

/**
 * The shape of prisma/data/*.json (see docs: one categories.json, then books-*.json files
 * of `{ authors, books }`). Strict objects, so a misspelt key is reported, not ignored.
 */

/** ISBN-13: digits d1..d13, d13 = (10 − Σ d_i·(1 if i odd else 3) mod 10) mod 10. */
export function isValidIsbn13(isbn: string): boolean {
  if (!/^\d{13}$/.test(isbn)) return false;
  let sum = 0;
  for (let i = 0; i < 12; i += 1) sum += Number(isbn[i]) * (i % 2 === 0 ? 1 : 3);
  return (10 - (sum % 10)) % 10 === Number(isbn[12]);
}

const slugSchema = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase ascii words joined by "-"');

// Negative years are BC (the Odyssey is -700); nothing in a bookshop is older than writing.
const yearSchema = z.int().min(-3000).max(new Date().getUTCFullYear() + 1);

export const categoryFileSchema = z.array(
  z.strictObject({
    slug: slugSchema(120),
    name: z.string().trim().min(1).max(100),
    description: z.string().max(2000).default(''),
  }),
);

export const authorRecordSchema = z
  .strictObject({
    slug: slugSchema(220),
    name: z.string().trim().min(1).max(200),
    birthYear: yearSchema.nullable().default(null),
    deathYear: yearSchema.nullable().default(null),
    bio: z.string().max(2000).default(''),
  })
  .refine((a) => a.birthYear === null || a.deathYear === null || a.deathYear >= a.birthYear, {
    path: ['deathYear'],
    message: 'is before birthYear',
  });

export const bookRecordSchema = z.strictObject({
  isbn: z
    .string()
    .regex(/^\d{13}$/, 'must be 13 digits')
    .refine(isValidIsbn13, 'fails the ISBN-13 checksum')
    .nullable(),
  title: z.string().trim().min(1).max(300),
  // `/books/1491` is read as an id, so a book's slug needs a letter somewhere.
  slug: slugSchema(320).refine((slug) => /[a-z]/.test(slug), 'must contain a letter (all digits read as an id)'),
  authors: z.array(slugSchema(220)).min(1).max(20),
  categories: z.array(slugSchema(120)).min(1).max(3),
  publicationYear: yearSchema.nullable().default(null),
  pageCount: z.int().positive().max(20_000).nullable().default(null),
  language: z.string().regex(/^[a-z]{2,3}$/, 'must be an ISO 639 code like "en"').default('en'),
  priceCents: z.int().min(0).max(1_000_000),
  stock: z.int().min(0).max(1_000_000),
  description: z.string().max(10_000).default(''),
});

/** What a book row refers to, read even from a row that fails elsewhere (a bad ISBN). */
export const bookReferencesSchema = z.object({
  slug: z.string(),
  authors: z.array(z.string()),
  categories: z.array(z.string()),
});

/** The file's outline only: rows are checked one by one, so one bad row hides no others. */
export const bookFileSchema = z.strictObject({
  authors: z.array(z.unknown()),
  books: z.array(z.unknown()),
});

export type CategoryRecord = z.output<typeof categoryFileSchema>[number];
export type AuthorRecord = z.output<typeof authorRecordSchema>;
export type BookRecord = z.output<typeof bookRecordSchema>;
export type BookReferences = z.output<typeof bookReferencesSchema>;
