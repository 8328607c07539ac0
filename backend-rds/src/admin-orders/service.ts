import type { AdminOrder, AdminOrderRow, AdminOrderTarget, OrderCustomer, ShippingAddress } from '@bookstore/common';
import type { Prisma, PrismaClient } from '../db/client';
import type { ActingUser } from '../http/acting-user';
import { toPage, type Page } from '../http/params';
import { orderStatusBodySchema } from '../orders/schema';
import { getOrder } from '../orders/service';
import { canTransition } from '../orders/status';
import type { AdminOrderListQuery } from './schema';

/** The targets POST /orders/:id/status takes, from its own schema: one list, never copied. */
const ADMIN_TARGETS: readonly AdminOrderTarget[] = orderStatusBodySchema.shape.status.options;

const DAY_MS = 86_400_000;
const startOfDay = (day: string) => new Date(`${day}T00:00:00Z`);

const customerSelect = { id: true, name: true, email: true } satisfies Prisma.UserSelect;

/**
 * Orders for the back office, newest first (by id: ids grow with time, and the primary key
 * serves the order), filtered by status and by the UTC days they were placed on.
 */
export async function listAdminOrders(db: PrismaClient, query: AdminOrderListQuery): Promise<Page<AdminOrderRow>> {
  const { status, from, to, page, pageSize } = query;
  const where: Prisma.OrderWhereInput = {
    ...(status !== undefined && { status }),
    ...((from !== undefined || to !== undefined) && {
      createdAt: {
        ...(from !== undefined && { gte: startOfDay(from) }),
        ...(to !== undefined && { lt: new Date(startOfDay(to).getTime() + DAY_MS) }),
      },
    }),
  };
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      select: {
        id: true,
        status: true,
        totalCents: true,
        currency: true,
        createdAt: true,
        paidAt: true,
        user: { select: customerSelect },
        items: { select: { quantity: true } },
      },
      orderBy: { id: 'desc' },
      skip: (page - 1) * pageSize,
      take: pageSize,
    }),
    db.order.count({ where }),
  ]);
  const items = rows.map(
    (row) =>
      ({
        id: row.id,
        status: row.status,
        totalCents: row.totalCents,
        currency: row.currency,
        itemCount: row.items.reduce((sum, item) => sum + item.quantity, 0),
        createdAt: row.createdAt.toISOString(),
        paidAt: row.paidAt?.toISOString() ?? null,
        customer: row.user satisfies OrderCustomer,
      }) satisfies AdminOrderRow,
  );
  return toPage(items, total, query);
}

/** One order, who placed it, and the status changes its state allows now (orders/status.ts). */
export async function getAdminOrder(db: PrismaClient, admin: ActingUser, orderId: number): Promise<AdminOrder> {
  const order = await getOrder(db, admin, orderId);
  const customer = await db.user.findUniqueOrThrow({ where: { id: order.userId }, select: customerSelect });
  return {
    ...order,
    shippingAddress: order.shippingAddress as ShippingAddress,
    customer,
    allowedTransitions: ADMIN_TARGETS.filter((target) => canTransition(order.status, target)),
  } satisfies AdminOrder;
}
