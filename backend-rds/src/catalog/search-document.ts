import type { PrismaClient, Prisma } from '../db/client';
import { addSearchWords } from '../search/vocabulary';

type Sql = Pick<PrismaClient, '$executeRaw'> | Prisma.TransactionClient;

/**
 * Rebuilds the denormalised search columns of some books (or all, when `bookIds` is
 * omitted): `author_names` from book_authors, and `search_document`, a weighted tsvector
 * (title A, authors B, description C). Called after every catalog write and by the seeds.
 *
 * Titles and names use the `simple` configuration as well as `english`, so a name like
 * "Austen" or a title word like "Dune" matches exactly as typed, not only as a stem.
 */
export async function refreshSearchDocuments(db: Sql, bookIds?: number[]): Promise<number> {
  if (bookIds && bookIds.length === 0) return 0;
  const sql = `
    UPDATE books AS b
    SET author_names = coalesce(a.names, ''),
        search_document =
          setweight(to_tsvector('english', b.title), 'A') ||
          setweight(to_tsvector('simple', b.title), 'A') ||
          setweight(to_tsvector('simple', coalesce(a.names, '')), 'B') ||
          setweight(to_tsvector('english', b.description), 'C')
    FROM books AS b2
    LEFT JOIN LATERAL (
      SELECT string_agg(au.name, ', ' ORDER BY ba.position, au.name) AS names
      FROM book_authors ba JOIN authors au ON au.id = ba.author_id
      WHERE ba.book_id = b2.id
    ) AS a ON true
    WHERE b2.id = b.id ${bookIds ? 'AND b.id = ANY($1::int[])' : ''}`;
  const refreshed = bookIds
    ? await (db as PrismaClient).$executeRawUnsafe(sql, bookIds)
    : await (db as PrismaClient).$executeRawUnsafe(sql);
  // Search corrects typos to the words of titles and author names: keep them in step.
  await addSearchWords(db, bookIds);
  return refreshed;
}
