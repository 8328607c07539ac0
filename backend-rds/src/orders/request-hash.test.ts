import { canonicalJson, orderRequestHash } from './request-hash';
import type { PlaceOrderInput } from './schema';

const input: PlaceOrderInput = {
  userId: 7,
  items: [
    { bookId: 2, quantity: 1 },
    { bookId: 1, quantity: 3 },
  ],
  shippingAddress: { name: 'A', line1: 'B', city: 'C', postalCode: 'D', country: 'GB' },
  payment: { cardNumber: '4242424242424242', expMonth: 12, expYear: 2030, cvc: '123' },
  idempotencyKey: 'checkout-1',
};

describe('canonicalJson', () => {
  test('sorts keys at every level and drops undefined', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 2 }], c: undefined } })).toBe(
      '{"a":{"d":[2,{"y":2,"z":1}]},"b":1}',
    );
  });
});

describe('orderRequestHash', () => {
  test('is a sha256 hex digest that ignores item order and key order', () => {
    const hash = orderRequestHash(input);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(orderRequestHash({ ...input, items: [...input.items].reverse() })).toBe(hash);
  });

  test('ignores the CVC and all but the last 4 digits of the card', () => {
    const hash = orderRequestHash(input);
    expect(orderRequestHash({ ...input, payment: { ...input.payment, cvc: '999' } })).toBe(hash);
    expect(orderRequestHash({ ...input, payment: { ...input.payment, cardNumber: '4000056655664242' } })).toBe(hash);
  });

  test('changes with quantities, address, user or expiry', () => {
    const hash = orderRequestHash(input);
    const variants: PlaceOrderInput[] = [
      { ...input, items: [{ bookId: 2, quantity: 2 }, { bookId: 1, quantity: 3 }] },
      { ...input, shippingAddress: { ...input.shippingAddress, city: 'Paris' } },
      { ...input, userId: 8 },
      { ...input, payment: { ...input.payment, expYear: 2031 } },
    ];
    for (const variant of variants) expect(orderRequestHash(variant)).not.toBe(hash);
  });
});
