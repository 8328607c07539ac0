import { HttpError } from '@bookstore/common';
import type { OrderStatus } from '../generated/prisma/client';

/**
 * An order's life: pending (being placed) → paid → shipped → delivered, with cancellation
 * possible until it ships. Delivered and cancelled are final.
 */
const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['paid', 'cancelled'],
  paid: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
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
