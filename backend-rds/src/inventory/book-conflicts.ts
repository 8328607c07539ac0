import { HttpError } from '@bookstore/common';
import { violatedUniqueConstraint } from '../db/errors';

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
