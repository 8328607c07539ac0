import { z } from 'zod';
import { pageField } from '../catalog/schema';

export const ORDERS_PAGE_SIZE = 10;

/** `/account?page=2`: the order history's page. */
export const orderHistoryQuery = z.object({ page: pageField });

/** An order id from the path: digits, 1 … int4; anything else names no order. */
export function orderIdFrom(value: unknown): number | undefined {
  if (typeof value !== 'string' || !/^[1-9]\d{0,9}$/.test(value)) return undefined;
  const id = Number(value);
  return id <= 2_147_483_647 ? id : undefined;
}
