/** Checkout request bodies the load generators send, shared by every order benchmark. */

export interface OrderLine {
  bookId: number;
  quantity: number;
}

/** The buyer goes in X-User-Id (buyerHeaders), as the frontend sends them, never in the body. */
export function orderBody(items: OrderLine[], idempotencyKey: string): string {
  return JSON.stringify({
    items,
    shippingAddress: { name: 'Bench Buyer', line1: '1 Load Street', city: 'Springfield', postalCode: '12345', country: 'US' },
    payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 3, cvc: '123' },
    idempotencyKey,
  });
}

export const buyerHeaders = (userId: number) => ({ 'x-user-id': String(userId) });

export const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;

/** One to three distinct books, one or two copies each: two lines of 1.5 copies on average. */
export function randomItems(bookIds: readonly number[]): OrderLine[] {
  const count = 1 + Math.floor(Math.random() * 3);
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(pick(bookIds));
  return [...chosen].map((bookId) => ({ bookId, quantity: 1 + Math.floor(Math.random() * 2) }));
}
