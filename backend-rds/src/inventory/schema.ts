import { z } from 'zod';
import { ADMIN_STOCK_REASONS, inputText, jsonId, jsonInt } from '@bookstore/common';
import { normaliseIsbn } from './isbn';
import { slugify } from './slug';

const isbn = inputText()
  .trim()
  .max(20)
  .transform((text, ctx) => {
    const digits = normaliseIsbn(text);
    if (digits === null) {
      ctx.addIssue({ code: 'custom', message: 'Not a valid ISBN-10 or ISBN-13 (checksum)' });
      return z.NEVER;
    }
    return digits;
  });

const authorName = inputText()
  .trim()
  .min(1)
  .max(200)
  .refine((name) => slugify(name) !== '', 'A name needs Latin letters or digits (for its slug)');

function distinct<T extends z.ZodType>(item: T, max: number) {
  return z
    .array(item)
    .max(max)
    .refine((items) => new Set(items).size === items.length, 'Each entry may appear only once');
}

const bookFields = {
  isbn: isbn.nullable(),
  title: inputText().trim().min(1).max(300),
  // A slug of digits only would be read as an id by GET /books/:idOrSlug.
  slug: inputText()
    .max(320)
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lowercase letters, digits and single hyphens')
    .regex(/[a-z]/, 'A slug needs at least one letter'),
  description: inputText().max(20_000),
  priceCents: jsonInt(0, 100_000_000),
  currency: inputText().regex(/^[A-Z]{3}$/, 'An ISO 4217 code such as USD'),
  publicationYear: jsonInt(-3000, 2100).nullable(),
  pageCount: jsonInt(1, 100_000).nullable(),
  language: inputText().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,4})?$/, 'A language tag such as en or pt-BR'),
  coverUrl: inputText().max(500).pipe(z.url({ protocol: /^https?$/ })).nullable(),
  authorIds: distinct(jsonId, 20).min(1),
  authorNames: distinct(authorName, 20).min(1),
  categoryIds: distinct(jsonId, 20),
};

function oneWayToNameAuthors(body: { authorIds?: unknown; authorNames?: unknown }) {
  return body.authorIds === undefined || body.authorNames === undefined;
}
const authorsClash = {
  path: ['authorNames'],
  message: 'Send authorIds or authorNames, not both',
};

export const createBookBody = z
  .strictObject({
    ...bookFields,
    isbn: bookFields.isbn.optional(),
    slug: bookFields.slug.optional(),
    description: bookFields.description.default(''),
    currency: bookFields.currency.default('USD'),
    stock: jsonInt(0, 1_000_000).default(0),
    publicationYear: bookFields.publicationYear.optional(),
    pageCount: bookFields.pageCount.optional(),
    language: bookFields.language.default('en'),
    coverUrl: bookFields.coverUrl.optional(),
    authorIds: bookFields.authorIds.optional(),
    authorNames: bookFields.authorNames.optional(),
    categoryIds: bookFields.categoryIds.default([]),
  })
  .refine(oneWayToNameAuthors, authorsClash);

export type CreateBookInput = z.output<typeof createBookBody>;

/** Stock is not here: it only changes through adjustments, which keep the history. */
export const updateBookBody = z
  .strictObject(bookFields)
  .partial()
  .refine(oneWayToNameAuthors, authorsClash)
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change');

export type UpdateBookInput = z.output<typeof updateBookBody>;

// ADMIN_STOCK_REASONS (common/src/api/admin.ts): what an admin may give as a reason;
// initial, order_placed and order_cancelled belong to the system.
export const stockAdjustmentBody = z.strictObject({
  delta: jsonInt(-1_000_000, 1_000_000)
    .refine((delta) => delta !== 0, 'A change of zero changes nothing'),
  reason: z.enum(ADMIN_STOCK_REASONS),
  note: inputText().trim().max(500).default(''),
});

export type StockAdjustmentInput = z.output<typeof stockAdjustmentBody>;
