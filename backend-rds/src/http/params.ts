import { z } from 'zod';

/** Route ids: positive 32-bit integers (PostgreSQL `integer`), so huge values are a 400. */
export const idSchema = z.coerce.number().int().positive().max(2_147_483_647);

export const idParams = z.object({ id: idSchema });

/** `?page=2&pageSize=20`, bounded so nobody can ask for a million rows at once. */
export const paginationSchema = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
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
