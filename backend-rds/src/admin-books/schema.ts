import { z } from 'zod';
import { ADMIN_BOOK_SORTS, ADMIN_BOOK_STATUSES, ADMIN_STOCK_FILTERS, inputText, textInt } from '@bookstore/common';
import { paginationSchema } from '../http/params';
import { slugSchema } from '../catalog/schema';

/** `GET /admin/books`: every book, archived ones too, with the filters the back office needs. */
export const adminBookListQuery = paginationSchema.extend({
  q: inputText().trim().max(200).optional(),
  status: z.enum(ADMIN_BOOK_STATUSES).default('active'),
  stock: z.enum(ADMIN_STOCK_FILTERS).optional(),
  lowStockAt: textInt(1, 1000).default(5),
  category: slugSchema.optional(),
  sort: z.enum(ADMIN_BOOK_SORTS).default('title'),
});

export type AdminBookListQuery = z.output<typeof adminBookListQuery>;
