// Test data for the orders, reviews, recommendations and bestsellers tests. Only tests
// import this file. It uses Prisma directly: the admin catalog routes belong to another feature.
import type { PrismaClient } from '../db/client';
import { TEST_CARDS } from '../payments/test-provider';

let sequence = 0;
const nextId = () => `${process.pid}-${(sequence += 1)}`;

export async function createBook(
  prisma: PrismaClient,
  fields: { title?: string; priceCents?: number; stock?: number; archived?: boolean; currency?: string } = {},
) {
  const suffix = nextId();
  return prisma.book.create({
    data: {
      title: fields.title ?? `Book ${suffix}`,
      slug: `book-${suffix}`,
      priceCents: fields.priceCents ?? 1_000,
      currency: fields.currency ?? 'USD',
      stock: fields.stock ?? 10,
      archivedAt: fields.archived ? new Date() : null,
    },
  });
}

/** A user without a usable password (no argon2 work): for tests that never sign in. */
export async function createUser(
  prisma: PrismaClient,
  fields: { role?: 'customer' | 'admin'; name?: string } = {},
) {
  const suffix = nextId();
  return prisma.user.create({
    data: {
      email: `user-${suffix}@example.test`,
      name: fields.name ?? `User ${suffix}`,
      passwordHash: 'not-a-password-hash',
      role: fields.role ?? 'customer',
    },
  });
}

export const SHIPPING_ADDRESS = {
  name: 'Ada Lovelace',
  line1: '12 St James Square',
  city: 'London',
  postalCode: 'SW1Y 4JH',
  country: 'GB',
};

export function futureExpiry(): { expMonth: number; expYear: number } {
  return { expMonth: 12, expYear: new Date().getUTCFullYear() + 3 };
}

/** A checkout body. The buyer is not in it: they go in X-User-Id, as the frontend sends them. */
export function orderBody(
  items: { bookId: number; quantity: number }[],
  overrides: { cardNumber?: string; idempotencyKey?: string } = {},
) {
  return {
    items,
    shippingAddress: SHIPPING_ADDRESS,
    payment: { cardNumber: overrides.cardNumber ?? TEST_CARDS.success, ...futureExpiry(), cvc: '123' },
    idempotencyKey: overrides.idempotencyKey ?? `key-${nextId()}-${Math.random().toString(36).slice(2)}`,
  };
}
