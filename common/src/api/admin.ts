// The back office as backend-rds serves it (`/admin/…`, every route for admins only: the
// acting user in X-User-Id must have the admin role).
import type { BookDetail, BookSummary } from './catalog';
import type { Order, OrderStatus } from './orders';
import type { Bestseller } from './bestsellers';

/** `GET /admin/books?status=`: visible books, archived ones, or both. */
export const ADMIN_BOOK_STATUSES = ['active', 'archived', 'all'] as const;
export type AdminBookStatus = (typeof ADMIN_BOOK_STATUSES)[number];

/** `GET /admin/books?stock=`: `low` is 1 … `lowStockAt`, `out` is 0. */
export const ADMIN_STOCK_FILTERS = ['low', 'out'] as const;
export type AdminStockFilter = (typeof ADMIN_STOCK_FILTERS)[number];

export const ADMIN_BOOK_SORTS = ['title', 'updated', 'stock'] as const;
export type AdminBookSort = (typeof ADMIN_BOOK_SORTS)[number];

export interface AdminBookListQuery {
  /** Title, author name or ISBN (digits, with or without hyphens). */
  q?: string;
  status?: AdminBookStatus;
  stock?: AdminStockFilter;
  lowStockAt?: number;
  /** A category slug. */
  category?: string;
  sort?: AdminBookSort;
  page?: number;
  pageSize?: number;
}

/** A row of the back office's book list: the card's facts plus what only staff see. */
export interface AdminBookRow extends BookSummary {
  unitsSold: number;
  archivedAt: string | null;
  updatedAt: string;
}

/** One book for the edit form, archived or not. */
export interface AdminBook extends BookDetail {
  archivedAt: string | null;
}

/** Reasons an admin may give for a stock change; `initial`, `order_placed` and `order_cancelled` are the system's. */
export const ADMIN_STOCK_REASONS = ['restock', 'correction', 'damaged', 'returned'] as const;
export type AdminStockReason = (typeof ADMIN_STOCK_REASONS)[number];
export type StockChangeReason = AdminStockReason | 'initial' | 'order_placed' | 'order_cancelled';

/** `GET /admin/books/:id/stock-adjustments` items: every change of a book's stock, sales included. */
export interface StockAdjustmentEntry {
  id: number;
  bookId: number;
  delta: number;
  reason: StockChangeReason;
  note: string;
  stockAfter: number;
  orderId: number | null;
  actorUserId: number | null;
  createdAt: string;
}

/** `POST /admin/books/:id/stock-adjustments` answer. */
export interface StockAdjustmentResult {
  adjustment: StockAdjustmentEntry;
  stock: number;
}

/** `POST /admin/books` and `PATCH /admin/books/:id` bodies, as the back office sends them. */
export interface AdminBookInput {
  title: string;
  authorNames: string[];
  categoryIds: number[];
  isbn: string | null;
  priceCents: number;
  currency: string;
  publicationYear: number | null;
  pageCount: number | null;
  language: string;
  description: string;
  slug?: string;
  /** Opening stock, on creation only: later changes go through stock adjustments. */
  stock?: number;
}

/** The status changes an admin may ask for (`POST /orders/:id/status`). */
export type AdminOrderTarget = Extract<OrderStatus, 'shipped' | 'delivered' | 'cancelled'>;

export interface OrderCustomer {
  id: number;
  name: string;
  email: string;
}

export interface AdminOrderListQuery {
  status?: OrderStatus;
  /** Placed on or after this UTC day (YYYY-MM-DD). */
  from?: string;
  /** Placed on or before this UTC day (YYYY-MM-DD). */
  to?: string;
  page?: number;
  pageSize?: number;
}

export interface AdminOrderRow {
  id: number;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  itemCount: number;
  createdAt: string;
  paidAt: string | null;
  customer: OrderCustomer;
}

/** One order for the back office: who bought it and the changes its state allows now. */
export interface AdminOrder extends Order {
  customer: OrderCustomer;
  /** From the order state machine (backend-rds orders/status.ts): offer these and only these. */
  allowedTransitions: AdminOrderTarget[];
}

export interface MoneyTotal {
  currency: string;
  totalCents: number;
}

/** `GET /admin/dashboard?lowStockAt=`: days are UTC. */
export interface AdminDashboard {
  today: {
    /** YYYY-MM-DD (UTC). */
    date: string;
    /** Orders paid today that still count as sales (not cancelled). */
    orders: number;
    revenue: MoneyTotal[];
  };
  /** Paid orders waiting to be shipped. */
  awaitingShipment: number;
  lowStock: { threshold: number; books: { id: number; slug: string; title: string; stock: number; unitsSold: number }[] };
  bestsellers: { days: number; items: Bestseller[] };
}
