import { Prisma } from '../generated/prisma/client';
import {
  isForeignKeyViolation,
  isTransientTransactionError,
  isUniqueViolation,
  violatedUniqueConstraint,
} from './errors';

/** A Prisma error as the pg driver adapter produces it. */
function prismaError(code: string, cause: Record<string, unknown>) {
  return new Prisma.PrismaClientKnownRequestError('failed', {
    code,
    clientVersion: 'test',
    meta: { driverAdapterError: { cause } },
  });
}

describe('model-query errors (P2002, P2003, P2034)', () => {
  test('a unique violation names its index', () => {
    const err = prismaError('P2002', { constraint: { index: 'users_email_key' } });
    expect(violatedUniqueConstraint(err)).toBe('users_email_key');
    expect(isUniqueViolation(err, 'users_email_key')).toBe(true);
    expect(isUniqueViolation(err, 'books_slug_key')).toBe(false);
  });

  test('a foreign-key violation names its constraint', () => {
    const err = prismaError('P2003', { constraint: { index: 'orders_user_id_fkey' } });
    expect(isForeignKeyViolation(err, 'orders_user_id_fkey')).toBe(true);
    expect(isUniqueViolation(err, 'orders_user_id_fkey')).toBe(false);
  });

  test('conflicts and pool time-outs are transient', () => {
    for (const code of ['P2034', 'P2028', 'P2024']) {
      expect(isTransientTransactionError(prismaError(code, {}))).toBe(true);
    }
    expect(isTransientTransactionError(prismaError('P2002', {}))).toBe(false);
  });
});

describe('raw-query errors (P2010 with the SQLSTATE)', () => {
  test('23505 and 23503 are read like their model-query twins', () => {
    const unique = prismaError('P2010', { originalCode: '23505', constraint: { index: 'books_isbn_key' } });
    expect(violatedUniqueConstraint(unique)).toBe('books_isbn_key');
    const foreignKey = prismaError('P2010', {
      originalCode: '23503',
      constraint: { index: 'orders_user_id_fkey' },
    });
    expect(isForeignKeyViolation(foreignKey, 'orders_user_id_fkey')).toBe(true);
  });

  test('serialization failures and deadlocks are transient, other failures are not', () => {
    expect(isTransientTransactionError(prismaError('P2010', { originalCode: '40001' }))).toBe(true);
    expect(isTransientTransactionError(prismaError('P2010', { originalCode: '40P01' }))).toBe(true);
    expect(isTransientTransactionError(prismaError('P2010', { originalCode: '23514' }))).toBe(false);
  });
});

test('anything that is not a Prisma error is none of these', () => {
  const err = new Error('boom');
  expect(violatedUniqueConstraint(err)).toBeUndefined();
  expect(isForeignKeyViolation(err, 'x')).toBe(false);
  expect(isTransientTransactionError(err)).toBe(false);
});
