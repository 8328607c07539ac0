import { HttpError } from '@bookstore/common';
import type { OrderStatus } from '../generated/prisma/client';

/**
 * An order's life: pending (stock reserved, the card being charged) → paid → shipped →
 * delivered, with cancellation possible from paid until it ships. A pending order ends as
 * paid or payment_failed by checkout or settlement alone (orders/settle-order.ts), never by a
 * cancellation racing its charge. Delivered, cancelled and payment_failed are final.
 */
const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'payment_failed'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
  payment_failed: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) {
    throw new HttpError(409, 'illegal_transition', `An order that is ${from} cannot become ${to}`, {
      from,
      to,
      allowed: NEXT_STATUSES[from],
    });
  }
}

/** The timestamp column that records reaching a status. */
export const STATUS_TIMESTAMP = {
  paid: 'paidAt',
  shipped: 'shippedAt',
  delivered: 'deliveredAt',
  cancelled: 'cancelledAt',
} as const satisfies Partial<Record<OrderStatus, string>>;

/** Statuses whose orders count as sales: bestsellers, also-bought, verified purchases. */
export const SOLD_STATUSES = ['paid', 'shipped', 'delivered'] as const satisfies readonly OrderStatus[];
