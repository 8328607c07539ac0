/** Every list answer: `?page=1&pageSize=20` (at most 100) → one page and the totals. */
export interface Page<T> {
  items: T[];
  page: number;
  pageSize: number;
  total: number;
  totalPages: number;
}

/** Lists that are not paged (categories, also-bought). */
export interface ItemList<T> {
  items: T[];
}
