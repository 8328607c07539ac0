import { z } from 'zod';
import { textId, textInt } from '@bookstore/common';

export const idParams = z.object({ id: textId });

/** `?page=2&pageSize=20`, bounded so nobody can ask for a million rows at once. */
export const paginationSchema = z.object({
  page: textInt(1, 10_000).default(1),
  pageSize: textInt(1, 100).default(20),
});

export type Pagination = z.output<typeof paginationSchema>;

export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

export function toPage<T>(items: T[], total: number, { page, pageSize }: Pagination): Page<T> {
  return { items, page, pageSize, total, totalPages: Math.ceil(total / pageSize) };
}
