import type { BookSummary } from './catalog';

/** One `GET /search` hit. */
export interface SearchHit extends BookSummary {
  rank: number;
  /**
   * HTML-escaped text whose only markup is `<mark>` … `</mark>` around what matched.
   * A consumer still renders it through an allow-list (frontend `search/highlight.ts`).
   */
  highlight: { title: string; snippet: string };
}

/** One `GET /search/suggest` item: a title and its authors while typing. */
export interface Suggestion {
  id: number;
  slug: string;
  title: string;
  authorNames: string;
}
