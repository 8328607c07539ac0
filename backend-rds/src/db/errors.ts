import { Prisma } from '../generated/prisma/client';

/**
 * Reading PostgreSQL failures out of Prisma errors, in one place. Prisma 7 through the pg
 * driver adapter reports them in two shapes:
 * - a model query (`create`, `update`): P2002 unique, P2003 foreign key, P2034 conflict;
 *   P2039 for any other PostgreSQL error;
 * - a raw query (`$queryRaw`): always P2010.
 * In both, the PostgreSQL code and the constraint sit in `meta.driverAdapterError.cause`
 * (`meta.target` is no longer filled: prisma/orm#28953). Only this file reads that shape.
 *
 * Failures of the connection itself come in a third shape: the adapter passes errors it
 * does not recognise (a connection dropped mid-query, the pool's connect timeout) through
 * as the plain `Error`s of pg and pg-pool, which carry no code, only a message.
 */
interface AdapterCause {
  kind?: unknown;
  originalCode?: unknown;
  constraint?: { index?: unknown; fields?: unknown };
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';
const SERIALIZATION_FAILURE = '40001';
const DEADLOCK_DETECTED = '40P01';

function knownError(err: unknown): Prisma.PrismaClientKnownRequestError | undefined {
  return err instanceof Prisma.PrismaClientKnownRequestError ? err : undefined;
}

function adapterCause(err: Prisma.PrismaClientKnownRequestError): AdapterCause | undefined {
  const meta = err.meta as { driverAdapterError?: { cause?: AdapterCause } } | undefined;
  return meta?.driverAdapterError?.cause;
}

function violatedConstraint(err: Prisma.PrismaClientKnownRequestError): string | undefined {
  const index = adapterCause(err)?.constraint?.index;
  if (typeof index === 'string') return index;
  const target = (err.meta as { target?: unknown } | undefined)?.target;
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) return target.join(',');
  return undefined;
}

/** The PostgreSQL SQLSTATE behind a raw query's failure (P2010), if any. */
function rawSqlState(err: Prisma.PrismaClientKnownRequestError): string | undefined {
  if (err.code !== 'P2010') return undefined;
  const code = adapterCause(err)?.originalCode;
  return typeof code === 'string' ? code : undefined;
}

function failedWith(err: unknown, prismaCode: string, sqlState: string): Prisma.PrismaClientKnownRequestError | undefined {
  const known = knownError(err);
  if (!known) return undefined;
  return known.code === prismaCode || rawSqlState(known) === sqlState ? known : undefined;
}

/** The unique index a unique violation names (e.g. `books_slug_key`), else undefined. */
export function violatedUniqueConstraint(err: unknown): string | undefined {
  const known = failedWith(err, 'P2002', UNIQUE_VIOLATION);
  return known && violatedConstraint(known);
}

/** True for a unique violation of the named index, e.g. `users_email_key`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  return violatedUniqueConstraint(err) === constraint;
}

/** True for a foreign-key violation of the named constraint, e.g. `orders_user_id_fkey`. */
export function isForeignKeyViolation(err: unknown, constraint: string): boolean {
  const known = failedWith(err, 'P2003', FOREIGN_KEY_VIOLATION);
  return known !== undefined && violatedConstraint(known) === constraint;
}

/**
 * The database could not run the transaction now: a serialization failure or deadlock
 * (P2034, or 40001/40P01 from a raw query), or no connection or transaction slot in time
 * (P2028, P2024). Retrying later helps.
 */
export function isTransientTransactionError(err: unknown): boolean {
  const known = knownError(err);
  if (!known) return false;
  if (['P2034', 'P2028', 'P2024'].includes(known.code)) return true;
  const sqlState = rawSqlState(known);
  return sqlState === SERIALIZATION_FAILURE || sqlState === DEADLOCK_DETECTED;
}

/**
 * Why the database could not be used, when it is not there to be used (as opposed to
 * refusing a statement). Each is an outage: retrying later helps, and the answer is 503.
 * - `unreachable`: nothing accepted the connection (stopped, refused, DNS failure);
 * - `timed_out`: no connection in time (connect timeout, pool or transaction-slot wait);
 * - `connection_lost`: the connection broke mid-use (reset, terminated, 08xxx);
 * - `restarting`: the server is shutting down or starting up (57P01, 57P02, 57P03);
 * - `too_many_connections`: the server has no connection slot left (53300).
 */
export type DatabaseUnavailability =
  | 'unreachable'
  | 'timed_out'
  | 'connection_lost'
  | 'restarting'
  | 'too_many_connections';

/** What stops a connection that is a matter of configuration, not of time. */
export type DatabaseMisconfiguration = 'authentication_failed' | 'database_missing' | 'access_denied' | 'tls_failed';

/** By Prisma error code (model queries, transaction starts, `$connect`). */
const UNAVAILABLE_BY_PRISMA_CODE: Record<string, DatabaseUnavailability> = {
  P1001: 'unreachable', // can't reach database server
  P1002: 'timed_out', // reached but timed out
  P1008: 'timed_out', // operation timed out (socket timeout)
  P1017: 'connection_lost', // server closed the connection
  P2024: 'timed_out', // timed out fetching a connection from the pool
  P2037: 'too_many_connections',
};

const MISCONFIGURED_BY_PRISMA_CODE: Record<string, DatabaseMisconfiguration> = {
  P1000: 'authentication_failed',
  P1003: 'database_missing',
  P1010: 'access_denied',
  P1011: 'tls_failed',
};

/** The adapter's error kinds (`meta.driverAdapterError.cause.kind`), which raw queries keep under P2010. */
const UNAVAILABLE_BY_ADAPTER_KIND: Record<string, DatabaseUnavailability> = {
  DatabaseNotReachable: 'unreachable',
  SocketTimeout: 'timed_out',
  ConnectionClosed: 'connection_lost',
  TooManyConnections: 'too_many_connections',
};

const MISCONFIGURED_BY_ADAPTER_KIND: Record<string, DatabaseMisconfiguration> = {
  AuthenticationFailed: 'authentication_failed',
  DatabaseDoesNotExist: 'database_missing',
  DatabaseAccessDenied: 'access_denied',
  TlsConnectionError: 'tls_failed',
};

function unavailableBySqlState(sqlState: string): DatabaseUnavailability | undefined {
  // Class 08, connection exception: the connection failed or was never made.
  if (sqlState.startsWith('08')) return 'connection_lost';
  switch (sqlState) {
    case '57P01': // admin_shutdown: the server is stopping and ended this session
    case '57P02': // crash_shutdown: another backend crashed, every session is ended
    case '57P03': // cannot_connect_now: starting up, shutting down, in recovery
      return 'restarting';
    case '53300':
      return 'too_many_connections';
    default:
      return undefined;
  }
}

/** Network failures Node reports on the socket (`err.code`), for those the adapter passes through. */
const UNAVAILABLE_BY_SOCKET_CODE: Record<string, DatabaseUnavailability> = {
  ECONNREFUSED: 'unreachable',
  ENOTFOUND: 'unreachable',
  EAI_AGAIN: 'unreachable', // DNS temporarily failing
  EHOSTUNREACH: 'unreachable',
  ENETUNREACH: 'unreachable',
  ETIMEDOUT: 'timed_out',
  ECONNRESET: 'connection_lost',
  ECONNABORTED: 'connection_lost',
  EPIPE: 'connection_lost',
};

/**
 * The messages of pg (lib/client.js) and pg-pool (index.js) for a connection that broke or
 * never came: they have no code to read. Kept exact, so a new message fails a test rather
 * than being guessed at.
 */
const UNAVAILABLE_BY_DRIVER_MESSAGE: Record<string, DatabaseUnavailability> = {
  'Connection terminated unexpectedly': 'connection_lost',
  'Connection terminated': 'connection_lost',
  'Client has encountered a connection error and is not queryable': 'connection_lost',
  'Connection terminated due to connection timeout': 'timed_out',
  'timeout exceeded when trying to connect': 'timed_out',
  'timeout expired': 'timed_out',
  'Query read timeout': 'timed_out',
  // The pool is closed: the process is shutting down while a request still runs.
  'Cannot use a pool after calling end on the pool': 'unreachable',
};

/** Prisma's transaction manager, when `maxWait` passed before a connection was free. */
const TRANSACTION_START_TIMEOUT = 'Unable to start a transaction in the given time';

function ownValue<T>(table: Record<string, T>, key: unknown): T | undefined {
  return typeof key === 'string' && Object.hasOwn(table, key) ? table[key] : undefined;
}

function unavailabilityOfPrismaError(err: Prisma.PrismaClientKnownRequestError): DatabaseUnavailability | undefined {
  const cause = adapterCause(err);
  const sqlState = typeof cause?.originalCode === 'string' ? cause.originalCode : undefined;
  return (
    ownValue(UNAVAILABLE_BY_PRISMA_CODE, err.code) ??
    ownValue(UNAVAILABLE_BY_ADAPTER_KIND, cause?.kind) ??
    (sqlState === undefined ? undefined : unavailableBySqlState(sqlState)) ??
    (err.code === 'P2028' && err.message.includes(TRANSACTION_START_TIMEOUT) ? 'timed_out' : undefined)
  );
}

/** A pg error as it comes unconverted: a socket code, a server error's SQLSTATE, or a message. */
function unavailabilityOfDriverError(err: Error): DatabaseUnavailability | undefined {
  const { code, severity } = err as Error & { code?: unknown; severity?: unknown };
  return (
    ownValue(UNAVAILABLE_BY_SOCKET_CODE, code) ??
    (typeof code === 'string' && typeof severity === 'string' ? unavailableBySqlState(code) : undefined) ??
    ownValue(UNAVAILABLE_BY_DRIVER_MESSAGE, err.message)
  );
}

/**
 * Which way the database is away, or undefined when `err` is no outage (a constraint, a
 * bug, a misconfiguration). Reads Prisma's errors, the adapter's causes, pg's plain errors
 * and Node's socket codes, following `cause` (pg-pool wraps the connect error it timed out).
 */
export function databaseUnavailability(err: unknown): DatabaseUnavailability | undefined {
  let current = err;
  for (let depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const found =
      current instanceof Prisma.PrismaClientKnownRequestError
        ? unavailabilityOfPrismaError(current)
        : current instanceof Prisma.PrismaClientInitializationError
          ? ownValue(UNAVAILABLE_BY_PRISMA_CODE, current.errorCode)
          : unavailabilityOfDriverError(current);
    if (found) return found;
    current = current.cause;
  }
  return undefined;
}

/** True when `err` says the database is away (see databaseUnavailability): a 503, not a 500. */
export function isDatabaseUnavailable(err: unknown): boolean {
  return databaseUnavailability(err) !== undefined;
}

/** A connection refused for its settings (credentials, database name, TLS), else undefined. */
export function databaseMisconfiguration(err: unknown): DatabaseMisconfiguration | undefined {
  if (err instanceof Prisma.PrismaClientKnownRequestError) {
    return (
      ownValue(MISCONFIGURED_BY_PRISMA_CODE, err.code) ?? ownValue(MISCONFIGURED_BY_ADAPTER_KIND, adapterCause(err)?.kind)
    );
  }
  if (err instanceof Prisma.PrismaClientInitializationError) {
    return ownValue(MISCONFIGURED_BY_PRISMA_CODE, err.errorCode);
  }
  return undefined;
}
