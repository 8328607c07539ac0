import type { Prisma } from '../db/client';
import type { OrderStatus, PaymentStatus } from '../generated/prisma/client';

export const orderInclude = {
  items: { orderBy: { id: 'asc' } },
  // The latest payment is the one that counts (an order has one today; refunds update it).
  payments: { orderBy: { id: 'desc' }, take: 1 },
} satisfies Prisma.OrderInclude;

export type OrderRow = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

export interface OrderItemView {
  bookId: number;
  title: string;
  quantity: number;
  unitPriceCents: number;
  lineTotalCents: number;
}

export interface OrderView {
  id: number;
  userId: number;
  status: OrderStatus;
  totalCents: number;
  currency: string;
  items: OrderItemView[];
  shippingAddress: unknown;
  payment: { status: PaymentStatus; cardBrand: string | null; cardLast4: string | null } | null;
  createdAt: string;
  paidAt: string | null;
  shippedAt: string | null;
  deliveredAt: string | null;
  cancelledAt: string | null;
  /** Why a payment_failed attempt failed (a decline code, payment_unavailable, checkout_interrupted). */
  paymentFailure: string | null;
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function toOrderView(row: OrderRow): OrderView {
  const payment = row.payments[0];
  return {
    id: row.id,
    userId: row.userId,
    status: row.status,
    totalCents: row.totalCents,
    currency: row.currency,
    items: row.items.map((item) => ({
      bookId: item.bookId,
      title: item.titleSnapshot,
      quantity: item.quantity,
      unitPriceCents: item.unitPriceCents,
      lineTotalCents: item.unitPriceCents * item.quantity,
    })),
    shippingAddress: row.shippingAddress,
    payment: payment
      ? { status: payment.status, cardBrand: payment.cardBrand, cardLast4: payment.cardLast4 }
      : null,
    createdAt: row.createdAt.toISOString(),
    paidAt: iso(row.paidAt),
    shippedAt: iso(row.shippedAt),
    deliveredAt: iso(row.deliveredAt),
    cancelledAt: iso(row.cancelledAt),
    paymentFailure: row.paymentFailure,
  };
}
