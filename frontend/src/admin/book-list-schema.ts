import { z } from 'zod';
import { ADMIN_BOOK_SORTS, ADMIN_BOOK_STATUSES, ADMIN_STOCK_FILTERS } from '@bookstore/common';
import { SLUG, pageField } from '../catalog/schema';
import { optionalLine } from '../web/form-fields';

/** One of `values`; absent or empty: none. */
const choice = <T extends readonly [string, ...string[]]>(values: T, message: string) =>
  z
    .string({ error: message })
    .optional()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(z.enum(values, { error: message }).optional());

/** The back office's book filters, as its GET form sends them. */
export const bookListQuery = z.object({
  q: optionalLine(200, 'Enter at most 200 characters'),
  status: choice(ADMIN_BOOK_STATUSES, 'Choose active, archived or all'),
  stock: choice(ADMIN_STOCK_FILTERS, 'Choose a stock level from the list'),
  category: z
    .string({ error: 'Choose one genre' })
    .optional()
    .transform((text) => (text === '' ? undefined : text))
    .pipe(z.string().regex(SLUG, 'There is no such genre').optional()),
  sort: choice(ADMIN_BOOK_SORTS, 'Choose a sort from the list'),
  page: pageField,
});

export type BookListQuery = z.output<typeof bookListQuery>;

export const STATUS_OPTIONS = [
  { value: 'active', text: 'In the shop' },
  { value: 'archived', text: 'Archived' },
  { value: 'all', text: 'All' },
];
export const STOCK_OPTIONS = [
  { value: '', text: 'Any stock' },
  { value: 'low', text: 'Low stock' },
  { value: 'out', text: 'Out of stock' },
];
export const SORT_OPTIONS = [
  { value: 'title', text: 'Title A–Z' },
  { value: 'updated', text: 'Recently changed' },
  { value: 'stock', text: 'Lowest stock first' },
];
