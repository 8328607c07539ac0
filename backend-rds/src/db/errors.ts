import { Prisma } from '../generated/prisma/client';

/**
 * Reading PostgreSQL failures out of Prisma errors, in one place. Prisma 7 through the pg
 * driver adapter reports them in two shapes:
 * - a model query (`create`, `update`): P2002 unique, P2003 foreign key, P2034 conflict;
 * - a raw query (`$queryRaw`): always P2010.
 * In both, the PostgreSQL code and the constraint sit in `meta.driverAdapterError.cause`
 * (`meta.target` is no longer filled: prisma/orm#28953). Only this file reads that shape.
 */
interface AdapterCause {
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
