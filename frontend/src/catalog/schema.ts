import { z } from 'zod';
import type { BookSort } from '@bookstore/common';

/** Slugs as the catalog makes them; anything else cannot name a book, genre or author. */
export const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
export const BOOK_ID = /^[1-9]\d{0,9}$/;

export const CATALOG_PAGE_SIZE = 24;
const MAX_PAGE = 10_000;

/** Sorts as they read in the URL (`price-asc`), and what backend-rds calls them. */
export const SORTS = {
  title: { label: 'Title A–Z', backend: 'title' },
  'price-asc': { label: 'Price: low to high', backend: 'price_asc' },
  'price-desc': { label: 'Price: high to low', backend: 'price_desc' },
  newest: { label: 'Newest', backend: 'newest' },
  bestselling: { label: 'Bestselling', backend: 'bestselling' },
} as const satisfies Record<string, { label: string; backend: BookSort }>;
export type SortName = keyof typeof SORTS;

const oneValue = (message: string) =>
  z.string({ error: message });

/** `?page=2`: a whole number from 1, or a 400 that says so. */
export const pageField = oneValue('Page must be a whole number')
  .regex(/^\d{1,5}$/, 'Page must be a whole number')
  .transform(Number)
  .refine((n) => n >= 1 && n <= MAX_PAGE, `Page must be between 1 and ${MAX_PAGE}`)
  .optional();

/** A price typed in dollars (`5`, `12.50`) → cents. */
const priceField = (label: string) =>
  oneValue(`${label} must be an amount like 5 or 12.50`)
    .trim()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(
      z
        .string()
        .regex(/^\d{1,6}(\.\d{1,2})?$/, `${label} must be an amount like 5 or 12.50`)
        .transform((text) => Math.round(Number(text) * 100))
        .optional(),
    );

const slugField = (what: string) =>
  oneValue(`Choose one ${what}`)
    .transform((text) => (text === '' ? undefined : text))
    .pipe(z.string().regex(SLUG, `There is no such ${what}`).optional());

/** The catalog's filters, sort and page, as a GET form sends them. Unknown parameters are ignored. */
export const catalogQuery = z
  .object({
    genre: slugField('genre').optional(),
    author: slugField('author').optional(),
    min: priceField('Minimum price').optional(),
    max: priceField('Maximum price').optional(),
    inStock: oneValue('In stock is a checkbox').optional(),
    sort: z
      .enum(Object.keys(SORTS) as [SortName, ...SortName[]], { error: 'Choose a sort from the list' })
      .optional(),
    page: pageField,
  })
  .superRefine((q, ctx) => {
    if (q.min !== undefined && q.max !== undefined && q.min > q.max) {
      ctx.addIssue({ code: 'custom', path: ['max'], message: 'Maximum price must not be below the minimum price' });
    }
  })
  .transform((q) => ({ ...q, inStock: q.inStock !== undefined && q.inStock !== '' && q.inStock !== '0' }));

export type CatalogQuery = z.output<typeof catalogQuery>;

export const reviewsPageQuery = z.object({ reviews: pageField });
