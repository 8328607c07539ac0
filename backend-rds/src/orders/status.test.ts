import { HttpError } from '@bookstore/common';
import type { OrderStatus } from '../generated/prisma/client';
import { assertTransition, canTransition } from './status';

const ALL: OrderStatus[] = ['pending', 'paid', 'shipped', 'delivered', 'cancelled', 'payment_failed'];
const ALLOWED = new Set([
  'pending→paid',
  'pending→payment_failed',
  'paid→shipped',
  'paid→cancelled',
  'shipped→delivered',
]);

describe('order status machine', () => {
  test.each(ALL.flatMap((from) => ALL.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(ALLOWED.has(`${from}→${to}`));
  });

  test('delivered, cancelled and payment_failed are final', () => {
    for (const to of ALL) {
      expect(canTransition('delivered', to)).toBe(false);
      expect(canTransition('cancelled', to)).toBe(false);
      expect(canTransition('payment_failed', to)).toBe(false);
    }
  });

  test('a pending order cannot be cancelled while its charge may be landing', () => {
    expect(() => assertTransition('pending', 'cancelled')).toThrow(HttpError);
  });

  test('an illegal transition is a 409 illegal_transition saying what is allowed', () => {
    expect(() => assertTransition('paid', 'shipped')).not.toThrow();
    try {
      assertTransition('shipped', 'cancelled');
      throw new Error('expected a throw');
    } catch (err) {
      expect(err).toBeInstanceOf(HttpError);
      expect(err).toMatchObject({
        status: 409,
        code: 'illegal_transition',
        details: { from: 'shipped', to: 'cancelled', allowed: ['delivered'] },
      });
    }
  });
});
