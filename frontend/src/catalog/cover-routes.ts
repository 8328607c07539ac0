import { Router } from 'express';
import type { AppDeps } from '../deps';
import { coverSvg } from './cover';
import { BOOK_ID } from './schema';
import { getBook } from './service';

const A_YEAR = 31_536_000;

/**
 * `/covers/42.svg?v=…`: the generated cover of a book. The URL carries a version of the
 * title and authors, so browsers keep it for a year. Never a broken image: an unknown book
 * or a backend that is away gets the shop's plain cover, cached briefly.
 */
export function coverRoutes(_deps: AppDeps): Router {
  const router = Router();
  router.get('/covers/:file', async (req, res) => {
    const match = /^(\d+)\.svg$/.exec(String(req.params.file));
    let svg: string | undefined;
    if (match && BOOK_ID.test(match[1]!)) {
      try {
        const book = await getBook(req.backends, Number(match[1]));
        svg = coverSvg({ title: book.title, authors: book.authors.map((a) => a.name) });
      } catch (err) {
        req.log.info({ err }, 'cover of an unknown book: plain cover');
      }
    }
    res.type('image/svg+xml');
    res.setHeader(
      'Cache-Control',
      svg && typeof req.query.v === 'string' ? `public, max-age=${A_YEAR}, immutable` : 'public, max-age=300',
    );
    res.send(svg ?? coverSvg({ title: 'Bookstore', authors: [] }));
  });
  return router;
}
