import type { BookSummary } from './catalog';

/** backend-rds `GET /bestsellers?days=&limit=`: units from paid orders, the truth. */
export interface BestsellerList {
  days: number;
  items: Bestseller[];
}

export interface Bestseller {
  book: BookSummary;
  unitsSold: number;
}

/** backend-redis keeps a fast copy: ids and units only. */
export const BESTSELLER_WINDOWS = ['today', '7d', 'all'] as const;
export type BestsellerWindow = (typeof BESTSELLER_WINDOWS)[number];

export interface BestsellerRankingItem {
  bookId: number;
  unitsSold: number;
}

/** backend-redis `GET /bestsellers?window=&limit=`. */
export interface BestsellerRanking {
  window: BestsellerWindow;
  items: BestsellerRankingItem[];
}

/** backend-redis `PUT /bestsellers`: rebuilds the fast copy from backend-rds' counts. */
export interface BestsellerRebuild {
  allTime: BestsellerRankingItem[];
  /** UTC days (`YYYY-MM-DD`) of the last 7, today included; days left out become empty. */
  days: { date: string; items: BestsellerRankingItem[] }[];
}
