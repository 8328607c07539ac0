import { createHash } from 'node:crypto';
import type { PlaceOrderInput } from './schema';

/** JSON with object keys sorted at every level, so equal requests give equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value)
      .filter(([, entry]) => entry !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Fingerprint of an order request, stored with the order so a reused idempotency key with a
 * different body can be refused. Card secrets stay out: only last 4 and expiry go in, so the
 * hash cannot be brute-forced back to a card number. Item order does not matter.
 */
export function orderRequestHash(input: PlaceOrderInput): string {
  const fingerprint = {
    userId: input.userId,
    items: [...input.items].sort((a, b) => a.bookId - b.bookId),
    shippingAddress: input.shippingAddress,
    payment: {
      cardLast4: input.payment.cardNumber.slice(-4),
      expMonth: input.payment.expMonth,
      expYear: input.payment.expYear,
    },
  };
  return createHash('sha256').update(canonicalJson(fingerprint)).digest('hex');
}
