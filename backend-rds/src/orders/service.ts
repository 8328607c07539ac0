import { HttpError } from '@bookstore/common';
import type { Prisma, PrismaClient } from '../db/client';
import type { OrderStatus } from '../generated/prisma/client';
import { PaymentUnavailableError } from '../payments/provider';
import { toPage, type Page, type Pagination } from '../http/params';
import { isOwnerOrAdmin, type ActingUser } from '../http/acting-user';
import { userNotFound } from '../users/service';
import { orderInclude, toOrderView, type OrderView } from './mapper';
import { TRANSACTION_MAX_WAIT_MS, type OrderDeps } from './place-order';
import { recordStockChanges, restoreStock } from './queries';
import { STATUS_TIMESTAMP, assertTransition } from './status';

// Another user's order or order history is answered exactly as a missing one: a 403 would
// tell a customer which ids exist, and order ids are sequential.
const orderNotFound = (orderId: number) => new HttpError(404, 'order_not_found', `No order with id ${orderId}`);

export async function getOrder(
  db: PrismaClient,
  actingUser: ActingUser,
  orderId: number,
): Promise<OrderView> {
  const row = await db.order.findUnique({ where: { id: orderId }, include: orderInclude });
  if (!row || !isOwnerOrAdmin(actingUser, row.userId)) throw orderNotFound(orderId);
  return toOrderView(row);
}

export async function listUserOrders(
  db: PrismaClient,
  actingUser: ActingUser,
  userId: number,
  pagination: Pagination,
): Promise<Page<OrderView>> {
  if (!isOwnerOrAdmin(actingUser, userId)) throw userNotFound(userId);
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw userNotFound(userId);
  const where = { userId } satisfies Prisma.OrderWhereInput;
  const [rows, total] = await Promise.all([
    db.order.findMany({
      where,
      include: orderInclude,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      skip: (pagination.page - 1) * pagination.pageSize,
      take: pagination.pageSize,
    }),
    db.order.count({ where }),
  ]);
  return toPage(rows.map(toOrderView), total, pagination);
}

/**
 * Moves an order to `target` under a row lock, so two admins (or a customer cancelling
 * while an admin ships) cannot both act on the same status. Owners may only cancel.
 */
export async function changeOrderStatus(
  deps: OrderDeps,
  actingUser: ActingUser,
  orderId: number,
  target: Exclude<OrderStatus, 'pending' | 'paid' | 'payment_failed'>,
): Promise<OrderView> {
  await deps.limit(() =>
    deps.db.$transaction(
      async (tx) => {
        const [locked] = await tx.$queryRaw<{ userId: number; status: OrderStatus }[]>`
          SELECT user_id AS "userId", status FROM orders WHERE id = ${orderId} FOR UPDATE`;
        if (!locked || !isOwnerOrAdmin(actingUser, locked.userId)) throw orderNotFound(orderId);
        assertTransition(locked.status, target);
        if (target === 'cancelled') await cancelInTransaction(tx, deps, orderId, actingUser.id);
        await tx.order.update({
          where: { id: orderId },
          data: { status: target, [STATUS_TIMESTAMP[target]]: deps.clock() },
        });
      },
      { maxWait: TRANSACTION_MAX_WAIT_MS, timeout: deps.transactionTimeoutMs },
    ),
  );
  const row = await deps.db.order.findUniqueOrThrow({ where: { id: orderId }, include: orderInclude });
  return toOrderView(row);
}

/**
 * Gives the stock back, takes the units out of the sales count and refunds the payment.
 * The refund goes last: if it fails the whole cancellation rolls back and the order stays
 * paid, rather than a cancelled order whose money was kept.
 */
async function cancelInTransaction(
  tx: Prisma.TransactionClient,
  deps: OrderDeps,
  orderId: number,
  actorUserId: number,
): Promise<void> {
  const items = await tx.orderItem.findMany({ where: { orderId }, select: { bookId: true, quantity: true } });
  const restored = await restoreStock(tx, items);
  await recordStockChanges(tx, orderId, actorUserId, 'order_cancelled', restored);

  const payments = await tx.payment.findMany({ where: { orderId, status: 'succeeded' } });
  for (const payment of payments) {
    await tx.payment.update({
      where: { id: payment.id },
      data: { status: 'refunded', refundedAt: deps.clock() },
    });
  }
  for (const payment of payments) {
    try {
      await deps.payments.refund(payment.providerReference, payment.amountCents);
    } catch (err) {
      if (err instanceof PaymentUnavailableError) {
        throw new HttpError(503, 'payment_unavailable', 'The refund could not be made now, try later');
      }
      throw err;
    }
  }
}
