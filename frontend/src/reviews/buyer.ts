import type { OrderStatus } from '@bookstore/common';
import type { BoundBackends } from '../backends';

/** Orders that count as a purchase (backend-rds' SOLD_STATUSES). */
const BOUGHT: ReadonlySet<OrderStatus> = new Set(['paid', 'shipped', 'delivered']);
const PAGE_SIZE = 100;
/** Looked through at most: 500 orders. A reader with more can still be trusted with a review form. */
const MAX_PAGES = 5;

/** Whether the signed-in user has a paid (or shipped, delivered) order with this book. */
export async function hasBought(b: BoundBackends, userId: number, bookId: number): Promise<boolean> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const orders = await b.rds.listUserOrders(userId, page, PAGE_SIZE);
    if (orders.items.some((order) => BOUGHT.has(order.status) && order.items.some((item) => item.bookId === bookId))) return true;
    if (page >= orders.totalPages) return false;
  }
  return true;
}
