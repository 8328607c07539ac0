import { Prisma } from '../generated/prisma/client';

/**
 * Which constraint a Prisma error broke. Prisma 7 with the pg driver adapter no longer fills
 * `meta.target`: the constraint name sits in `meta.driverAdapterError.cause.constraint.index`
 * (prisma/orm#28953). This is the one place that reads that unstable shape.
 */
function violatedConstraint(err: Prisma.PrismaClientKnownRequestError): string | undefined {
  const meta = err.meta as
    | {
        target?: unknown;
        driverAdapterError?: { cause?: { constraint?: { index?: unknown } } };
      }
    | undefined;
  const index = meta?.driverAdapterError?.cause?.constraint?.index;
  if (typeof index === 'string') return index;
  if (typeof meta?.target === 'string') return meta.target;
  if (Array.isArray(meta?.target)) return meta.target.join(',');
  return undefined;
}

/** The unique index a P2002 names (e.g. `books_slug_key`), or undefined for any other error. */
export function violatedUniqueConstraint(err: unknown): string | undefined {
  if (!(err instanceof Prisma.PrismaClientKnownRequestError) || err.code !== 'P2002') return undefined;
  return violatedConstraint(err);
}

/** True for a unique violation (P2002) of the named index, e.g. `users_email_key`. */
export function isUniqueViolation(err: unknown, constraint: string): boolean {
  return (
    err instanceof Prisma.PrismaClientKnownRequestError &&
    err.code === 'P2002' &&
    violatedConstraint(err) === constraint
  );
}

/** True for a foreign-key violation (P2003) of the named constraint, e.g. `orders_user_id_fkey`. */
export function isForeignKeyViolation(err: unknown, constraint: string): boolean {
  return (
    err instanceof Prisma.PrismaClientKnownRequestError &&
    err.code === 'P2003' &&
    violatedConstraint(err) === constraint
  );
}

/**
 * The database could not run the transaction now: a serialization failure or deadlock
 * (P2034), or no connection or transaction slot in time (P2028, P2024). Retrying later helps.
 */
export function isTransientTransactionError(err: unknown): boolean {
  return (
    err instanceof Prisma.PrismaClientKnownRequestError &&
    ['P2034', 'P2028', 'P2024'].includes(err.code)
  );
}
