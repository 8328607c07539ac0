import type { Order, OrderStatus } from '@bookstore/common';
import { formatPrice } from '../catalog/view-models';

export type StatusTone = 'progress' | 'good' | 'done' | 'bad';

/** What each status means to the shopper. */
const STATUS: Record<OrderStatus, { text: string; tone: StatusTone; explanation: string }> = {
  pending: { text: 'Being placed', tone: 'progress', explanation: 'We are taking the payment. This page will show the outcome in a moment.' },
  paid: { text: 'Paid', tone: 'good', explanation: 'Paid and being packed. You can still cancel until it ships.' },
  shipped: { text: 'Shipped', tone: 'good', explanation: 'On its way to you.' },
  delivered: { text: 'Delivered', tone: 'done', explanation: 'Delivered. Enjoy your reading!' },
  cancelled: { text: 'Cancelled', tone: 'bad', explanation: 'Cancelled: the payment was refunded.' },
  payment_failed: { text: 'Payment failed', tone: 'bad', explanation: 'The card was not charged and nothing was sent.' },
};

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC', timeZoneName: 'short' });
const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

export const orderUrl = (orderId: number) => `/account/orders/${orderId}`;

export interface OrderSummaryView {
  id: number;
  url: string;
  placedText: string;
  isoDate: string;
  status: { text: string; tone: StatusTone };
  totalText: string;
  itemsText: string;
}

export function toOrderSummary(order: Order): OrderSummaryView {
  const books = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const firstTitle = order.items[0]?.title ?? '';
  return {
    id: order.id,
    url: orderUrl(order.id),
    placedText: dateFormat.format(new Date(order.createdAt)),
    isoDate: order.createdAt,
    status: STATUS[order.status] ?? { text: order.status, tone: 'progress' },
    totalText: formatPrice(order.totalCents, order.currency),
    itemsText: order.items.length > 1 ? `${firstTitle} and ${order.items.length - 1} more (${books} books)` : `${firstTitle}${books > 1 ? ` (${books} copies)` : ''}`,
  };
}

export interface OrderView extends OrderSummaryView {
  explanation: string;
  items: { title: string; url: string; quantity: number; unitPriceText: string; lineTotalText: string }[];
  addressLines: string[];
  paymentText: string | null;
  timeline: { label: string; text: string; iso: string }[];
  /** Paid and not shipped: the shopper may still cancel it. */
  canCancel: boolean;
}

export function toOrderView(order: Order): OrderView {
  const a = order.shippingAddress;
  const steps: [string, string | null][] = [
    ['Placed', order.createdAt],
    ['Paid', order.paidAt],
    ['Shipped', order.shippedAt],
    ['Delivered', order.deliveredAt],
    ['Cancelled', order.cancelledAt],
  ];
  const timeline = steps.flatMap(([label, iso]) => (iso ? [{ label, iso, text: dateTimeFormat.format(new Date(iso)) }] : []));
  const brand = order.payment?.cardBrand;
  return {
    ...toOrderSummary(order),
    explanation: STATUS[order.status]?.explanation ?? '',
    items: order.items.map((item) => ({
      title: item.title,
      url: `/books/${item.bookId}`,
      quantity: item.quantity,
      unitPriceText: formatPrice(item.unitPriceCents, order.currency),
      lineTotalText: formatPrice(item.lineTotalCents, order.currency),
    })),
    addressLines: [a.name, a.line1, a.line2, [a.city, a.region].filter(Boolean).join(', '), a.postalCode, countryName(a.country)].filter(
      (line): line is string => typeof line === 'string' && line !== '',
    ),
    paymentText: order.payment?.cardLast4 ? `${brand ? brand.charAt(0).toUpperCase() + brand.slice(1) : 'Card'} ending ${order.payment.cardLast4}` : null,
    timeline,
    canCancel: order.status === 'paid',
  };
}
