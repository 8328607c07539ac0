import { HttpError } from '@bookstore/common';
import { Prisma } from '../generated/prisma/client';

interface AdapterCause {
  constraint?: { index?: string; fields?: string[] };
}

/**
 * Which unique constraint a P2002 names, or null for any other error. Prisma's own engine
 * reports the columns in `meta.target`; through the pg driver adapter the index name comes
 * in `meta.driverAdapterError.cause.constraint.index` (e.g. "books_slug_key"). Both are read.
 */
export function violatedUniqueConstraint(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== 'P2002') return null;
  const meta = error.meta ?? {};
  if (Array.isArray(meta.target)) return meta.target.join(',');
  if (typeof meta.target === 'string') return meta.target;
  const adapterError = meta.driverAdapterError as { cause?: AdapterCause } | undefined;
  const constraint = adapterError?.cause?.constraint;
  return constraint?.index ?? constraint?.fields?.join(',') ?? error.message;
}

/** Runs a book write, answering 409 when the ISBN or slug belongs to another book. */
export async function withBookConflicts<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const constraint = violatedUniqueConstraint(error);
    if (constraint?.includes('isbn')) {
      throw new HttpError(409, 'isbn_taken', 'Another book already has this ISBN');
    }
    if (constraint?.includes('slug')) {
      throw new HttpError(409, 'slug_taken', 'Another book already has this slug');
    }
    throw error;
  }
}
