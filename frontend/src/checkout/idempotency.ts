import { randomUUID } from 'node:crypto';
import type { SessionData } from '@bookstore/common';
import type { ShopSession } from '../web/session';

/** Orders placed from this session, newest last: a resubmitted form finds its order here. */
const PLACED_ORDERS_KEPT = 10;

/**
 * The checkout form's idempotency key lives in the session as well as in the form: the
 * session says the key is ours and still open (`checkoutKey`), or which order it placed
 * (`placedOrders`). A double click sends one key twice (backend-rds makes one order of
 * it); a reload or a back-and-resubmit after the order finds the key among the placed
 * ones and shows that order. A new key is issued only once the old one has placed an order.
 */
interface CheckoutSessionData extends SessionData {
  checkoutKey?: string;
  placedOrders?: [key: string, orderId: number][];
}

const placedOrders = (data: CheckoutSessionData): [string, number][] =>
  Array.isArray(data.placedOrders)
    ? data.placedOrders.filter((entry): entry is [string, number] => Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number')
    : [];

export function openCheckoutKey(data: SessionData): string | undefined {
  const key = (data as CheckoutSessionData).checkoutKey;
  return typeof key === 'string' ? key : undefined;
}

/** The order this key placed, if it placed one. */
export function orderPlacedWith(data: SessionData, key: string): number | undefined {
  return placedOrders(data as CheckoutSessionData).find(([placedKey]) => placedKey === key)?.[1];
}

/** The session's open key, or a new one (saved in the session) when there is none. */
export async function issueCheckoutKey(session: ShopSession): Promise<string> {
  const open = openCheckoutKey(session.data);
  if (open) return open;
  const key = randomUUID();
  await session.save({ ...session.data, checkoutKey: key });
  return key;
}

/** The key has placed `orderId`: it is closed, and the next checkout gets a new one. */
export async function rememberPlacedOrder(session: ShopSession, key: string, orderId: number): Promise<void> {
  const data = session.data as CheckoutSessionData;
  const placed = [...placedOrders(data).filter(([placedKey]) => placedKey !== key), [key, orderId] as [string, number]].slice(-PLACED_ORDERS_KEPT);
  const { checkoutKey, ...rest } = data;
  await session.save({ ...rest, ...(checkoutKey !== key && checkoutKey !== undefined && { checkoutKey }), placedOrders: placed });
}
