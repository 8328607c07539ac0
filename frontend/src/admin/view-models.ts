import type { AdminBookRow, AdminOrderRow, MoneyTotal, OrderStatus, StockAdjustmentEntry } from '@bookstore/common';
import { bookUrl, formatPrice, joinNames, stockWording } from '../catalog/view-models';
import type { StatusTone } from '../orders/view-models';

/** What each order status means to the shop's staff (the shopper reads orders/view-models.ts). */
export const ORDER_STATUS_TEXT: Record<OrderStatus, { text: string; tone: StatusTone }> = {
  pending: { text: 'Being placed', tone: 'progress' },
  paid: { text: 'Paid: to ship', tone: 'progress' },
  shipped: { text: 'Shipped', tone: 'good' },
  delivered: { text: 'Delivered', tone: 'done' },
  cancelled: { text: 'Cancelled', tone: 'bad' },
  payment_failed: { text: 'Payment failed', tone: 'bad' },
};

/** The buttons for each change the state machine offers (backend-rds says which). */
export const TRANSITION_BUTTONS = {
  shipped: { text: 'Mark as shipped', hint: 'The books have left the warehouse.', danger: false },
  delivered: { text: 'Mark as delivered', hint: 'The carrier confirmed delivery.', danger: false },
  cancelled: { text: 'Cancel the order', hint: 'Refunds the payment and puts the books back in stock.', danger: true },
} as const;

const dateTime = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' });
export const dateTimeText = (iso: string) => `${dateTime.format(new Date(iso))} UTC`;

export const adminBookUrl = (bookId: number) => `/admin/books/${bookId}/edit`;
export const adminStockUrl = (bookId: number) => `/admin/books/${bookId}/stock`;
export const adminOrderUrl = (orderId: number) => `/admin/orders/${orderId}`;

export function toBookRow(book: AdminBookRow) {
  return {
    id: book.id,
    title: book.title,
    authorsText: joinNames(book.authors.map((a) => a.name)),
    priceText: formatPrice(book.priceCents, book.currency),
    stock: book.stock,
    stockWording: stockWording(book.stock),
    unitsSold: book.unitsSold,
    archived: book.archivedAt !== null,
    editUrl: adminBookUrl(book.id),
    stockUrl: adminStockUrl(book.id),
    shopUrl: book.archivedAt === null ? bookUrl(book) : null,
  };
}

export function toOrderRow(order: AdminOrderRow) {
  return {
    id: order.id,
    url: adminOrderUrl(order.id),
    placedText: dateTimeText(order.createdAt),
    isoDate: order.createdAt,
    customerText: `${order.customer.name} (${order.customer.email})`,
    itemCount: order.itemCount,
    totalText: formatPrice(order.totalCents, order.currency),
    status: ORDER_STATUS_TEXT[order.status],
  };
}

const REASON_TEXT: Record<StockAdjustmentEntry['reason'], string> = {
  initial: 'Opening stock',
  restock: 'Restock',
  correction: 'Correction (count)',
  damaged: 'Damaged',
  returned: 'Returned by a customer',
  order_placed: 'Sold',
  order_cancelled: 'Order cancelled',
};

export const STOCK_REASON_OPTIONS = (['restock', 'correction', 'damaged', 'returned'] as const).map((value) => ({ value, text: REASON_TEXT[value] }));

export function toHistoryRow(entry: StockAdjustmentEntry) {
  return {
    whenText: dateTimeText(entry.createdAt),
    iso: entry.createdAt,
    deltaText: entry.delta > 0 ? `+${entry.delta}` : String(entry.delta),
    tone: entry.delta > 0 ? 'up' : 'down',
    reasonText: REASON_TEXT[entry.reason] ?? entry.reason,
    isSale: entry.reason === 'order_placed' || entry.reason === 'order_cancelled',
    orderUrl: entry.orderId === null ? null : adminOrderUrl(entry.orderId),
    orderId: entry.orderId,
    note: entry.note,
    stockAfter: entry.stockAfter,
    actorUserId: entry.actorUserId,
  };
}

export const revenueText = (revenue: MoneyTotal[]) =>
  revenue.length === 0 ? formatPrice(0, 'USD') : revenue.map((r) => formatPrice(r.totalCents, r.currency)).join(' + ');
