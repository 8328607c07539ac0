import type { Prisma } from '../db/client';
import type { Order, ShippingAddress } from '@bookstore/common';

export const orderInclude = {
  items: { orderBy: { id: 'asc' } },
  // The latest payment is the one that counts (an order has one today; refunds update it).
  payments: { orderBy: { id: 'desc' }, take: 1 },
} satisfies Prisma.OrderInclude;

export type OrderRow = Prisma.OrderGetPayload<{ include: typeof orderInclude }>;

/** The API shape, defined once in common and read by the frontend's typed client. */
export type OrderView = Order;

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
    // Written only after shippingAddressSchema accepted it.
    shippingAddress: row.shippingAddress as unknown as ShippingAddress,
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
