import { z } from 'zod';
import { INT4_MAX, inputText, textId, textInt } from '@bookstore/common';
import { paginationSchema } from '../http/params';

/** Slugs in URLs and filters. Bounded like the column; unknown ones simply match nothing. */
export const slugSchema = inputText().trim().min(1).max(320);

/** Prices are integer cents; the bound only keeps absurd numbers out of SQL. */
const priceCentsFilter = textInt(0, 100_000_000);

export const BOOK_SORTS = ['title', 'price_asc', 'price_desc', 'newest', 'bestselling'] as const;
export type BookSort = (typeof BOOK_SORTS)[number];

export const bookListQuery = paginationSchema
  .extend({
    category: slugSchema.optional(),
    author: slugSchema.optional(),
    minPrice: priceCentsFilter.optional(),
    maxPrice: priceCentsFilter.optional(),
    // Query strings are text: only the two words a checkbox can send are booleans.
    inStock: z
      .enum(['true', 'false'])
      .transform((value) => value === 'true')
      .optional(),
    sort: z.enum(BOOK_SORTS).default('title'),
  })
  .refine((q) => q.minPrice === undefined || q.maxPrice === undefined || q.minPrice <= q.maxPrice, {
    path: ['maxPrice'],
    message: 'maxPrice must not be below minPrice',
  });

export type BookListQuery = z.output<typeof bookListQuery>;

export type BookKey = { id: number } | { slug: string };

/** `/books/42` is an id, `/books/dune` a slug; an all-digits value is always read as an id. */
export const bookKeyParams = z.object({
  idOrSlug: slugSchema.transform((value, ctx): BookKey => {
    if (!/^\d+$/.test(value)) return { slug: value };
    const id = textId.safeParse(value);
    if (!id.success) {
      ctx.addIssue({ code: 'custom', message: `Book ids are between 1 and ${INT4_MAX}` });
      return z.NEVER;
    }
    return { id: id.data };
  }),
});

export const slugParams = z.object({ slug: slugSchema });
