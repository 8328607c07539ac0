import { Prisma } from '../generated/prisma/client';
import {
  databaseMisconfiguration,
  databaseUnavailability,
  isDatabaseUnavailable,
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

describe('the database being away (outage shapes, as Prisma 7, the pg adapter and pg produce them)', () => {
  /** A model query (P1xxx/P2xxx) or raw query (P2010) failing with one of the adapter's kinds. */
  const adapterError = (code: string, kind: string, extra: Record<string, unknown> = {}) =>
    prismaError(code, { kind, ...extra });
  /** A PostgreSQL error by SQLSTATE: P2010 from a raw query, P2039 from a model query. */
  const serverError = (code: 'P2010' | 'P2039', sqlState: string) =>
    prismaError(code, { kind: 'postgres', originalCode: sqlState });
  /** A plain error the adapter passes through unconverted: pg and pg-pool give no code. */
  const driverError = (message: string, extra: Record<string, unknown> = {}, cause?: Error) =>
    Object.assign(new Error(message, cause ? { cause } : undefined), extra);
  const socketError = (code: string, syscall = 'connect') =>
    driverError(`${syscall} ${code} db.internal:5432`, { code, syscall, errno: -1 });
  const transactionError = (message: string) =>
    new Prisma.PrismaClientKnownRequestError(`Transaction API error: ${message}`, { code: 'P2028', clientVersion: 'test' });

  test.each([
    // Nothing listening (stopped, wrong port) or the host name does not resolve.
    ['a model query, refused', adapterError('P1001', 'DatabaseNotReachable', { host: 'h', port: 5432 }), 'unreachable'],
    ['a raw query, refused', adapterError('P2010', 'DatabaseNotReachable', { host: 'h', port: 5432 }), 'unreachable'],
    ['a transaction start, DNS failure', adapterError('P1001', 'DatabaseNotReachable', { host: 'h' }), 'unreachable'],
    ['a DNS failure passed through', socketError('EAI_AGAIN', 'getaddrinfo'), 'unreachable'],
    ['no route to the host', socketError('EHOSTUNREACH'), 'unreachable'],
    ['the pool closed at shutdown', driverError('Cannot use a pool after calling end on the pool'), 'unreachable'],
    // No connection in time.
    ['a socket time-out', adapterError('P1008', 'SocketTimeout'), 'timed_out'],
    ['a raw query, socket time-out', adapterError('P2010', 'SocketTimeout'), 'timed_out'],
    ['the pool time-out', prismaError('P2024', {}), 'timed_out'],
    [
      "pg-pool's connect time-out, wrapping pg's own error",
      driverError('Connection terminated due to connection timeout', {}, new Error('Connection terminated unexpectedly')),
      'timed_out',
    ],
    ['waiting for a pooled connection', driverError('timeout exceeded when trying to connect'), 'timed_out'],
    [
      'a transaction that found no connection within maxWait',
      transactionError('Unable to start a transaction in the given time.'),
      'timed_out',
    ],
    // The connection broke mid-query.
    ['the server closed it', adapterError('P1017', 'ConnectionClosed'), 'connection_lost'],
    ['a raw query, closed', adapterError('P2010', 'ConnectionClosed'), 'connection_lost'],
    ['a crash or kill -9 of the server', driverError('Connection terminated unexpectedly'), 'connection_lost'],
    ['a reset', socketError('ECONNRESET', 'read'), 'connection_lost'],
    ['a broken pipe', socketError('EPIPE', 'write'), 'connection_lost'],
    [
      'a client whose connection already failed',
      driverError('Client has encountered a connection error and is not queryable'),
      'connection_lost',
    ],
    ['08006 connection failure', serverError('P2010', '08006'), 'connection_lost'],
    ['08P01 protocol violation', serverError('P2039', '08P01'), 'connection_lost'],
    // The server is stopping or starting.
    ['pg_ctl stop -m fast mid-query (57P01)', serverError('P2010', '57P01'), 'restarting'],
    ['another backend crashed (57P02)', serverError('P2039', '57P02'), 'restarting'],
    ['shutting down, a model query (57P03)', serverError('P2039', '57P03'), 'restarting'],
    ['starting up, a raw query (57P03)', serverError('P2010', '57P03'), 'restarting'],
    ['a pg error passed through', driverError('terminating connection', { code: '57P01', severity: 'FATAL' }), 'restarting'],
    // No slot left.
    ['too many connections', adapterError('P2037', 'TooManyConnections', { originalCode: '53300' }), 'too_many_connections'],
    ['too many, raw', adapterError('P2010', 'TooManyConnections', { originalCode: '53300' }), 'too_many_connections'],
  ])('%s', (_what, err, expected) => {
    expect(databaseUnavailability(err)).toBe(expected);
    expect(isDatabaseUnavailable(err)).toBe(true);
    expect(databaseMisconfiguration(err)).toBeUndefined();
  });

  test('an initialisation error with a reachability code is an outage too', () => {
    const err = new Prisma.PrismaClientInitializationError("Can't reach database server", 'test', 'P1001');
    expect(databaseUnavailability(err)).toBe('unreachable');
  });

  test.each([
    ['a unique violation', prismaError('P2002', { constraint: { index: 'users_email_key' } })],
    ['a serialization conflict (retry it: the database is there)', adapterError('P2034', 'TransactionWriteConflict')],
    ['a raw query check violation', serverError('P2010', '23514')],
    ['a statement_timeout cancel (57014: the server is up)', serverError('P2010', '57014')],
    ['a transaction that ran past its own timeout', transactionError('Transaction already closed')],
    ['a wrong password', adapterError('P1000', 'AuthenticationFailed', { user: 'u' })],
    ['a bug', new Error('boom')],
    ['an unrelated file error', socketError('ENOENT', 'open')],
    ['a message that is a prototype key', new Error('constructor')],
    ['not an error at all', { code: 'ECONNREFUSED' }],
  ])('%s is no outage', (_what, err) => {
    expect(databaseUnavailability(err)).toBeUndefined();
    expect(isDatabaseUnavailable(err)).toBe(false);
  });

  test.each([
    [adapterError('P1000', 'AuthenticationFailed'), 'authentication_failed'],
    [adapterError('P2010', 'AuthenticationFailed', { originalCode: '28P01' }), 'authentication_failed'],
    [adapterError('P1003', 'DatabaseDoesNotExist'), 'database_missing'],
    [adapterError('P2010', 'DatabaseDoesNotExist'), 'database_missing'],
    [adapterError('P1010', 'DatabaseAccessDenied'), 'access_denied'],
    [adapterError('P1011', 'TlsConnectionError'), 'tls_failed'],
    [new Error('boom'), undefined],
  ])('misconfigurations are told apart from outages (%#)', (err, expected) => {
    expect(databaseMisconfiguration(err)).toBe(expected);
  });
});
