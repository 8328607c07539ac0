import type { PrismaClient } from '../db/client';
import { toPage, type Page, type Pagination } from '../http/params';
import { toBookSummary, type BookSummary } from '../catalog/mapper';
import { bookSummariesInOrder } from '../catalog/service';
import { toHighlightHtml } from './highlight';
import { searchBooks, suggestBooks } from './queries';
import { correctSpelling } from './spelling';

export interface SearchHit extends BookSummary {
  rank: number;
  /** HTML-escaped text; the only markup is <mark> around what matched. */
  highlight: { title: string; snippet: string };
}

export async function search(
  db: PrismaClient,
  words: string[],
  pagination: Pagination,
): Promise<Page<SearchHit>> {
  const { page, pageSize } = pagination;
  const spelling = await correctSpelling(db, words);
  const rows = await searchBooks(db, spelling, { limit: pageSize, offset: (page - 1) * pageSize });
  const total = Number(rows[0]?.total ?? 0);
  const hits = rows.filter((row) => row.id !== null);
  if (hits.length === 0) return toPage([], total, pagination);

  const ids = hits.map((row) => row.id as number);
  const books = await bookSummariesInOrder(db, ids);
  const byId = new Map(hits.map((row) => [row.id, row]));
  const items = books.map((book): SearchHit => {
    const hit = byId.get(book.id)!;
    return {
      ...toBookSummary(book),
      rank: Math.round((hit.rank ?? 0) * 10_000) / 10_000,
      highlight: {
        title: toHighlightHtml(hit.title_headline ?? book.title),
        snippet: toHighlightHtml(hit.snippet_headline ?? ''),
      },
    };
  });
  return toPage(items, total, pagination);
}

export interface Suggestion {
  id: number;
  slug: string;
  title: string;
  authorNames: string;
}

export async function suggest(
  db: PrismaClient,
  words: string[],
  limit: number,
): Promise<{ items: Suggestion[] }> {
  const rows = await suggestBooks(db, words, limit);
  return {
    items: rows.map(({ id, slug, title, author_names }) => ({
      id,
      slug,
      title,
      authorNames: author_names,
    })),
  };
}
