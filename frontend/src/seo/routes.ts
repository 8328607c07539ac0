import { Router } from 'express';
import type { AuthorRef } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { absoluteUrl } from '../web/absolute-url';
import { listBooks, listGenres } from '../catalog/service';
import { authorUrl, bookUrl, genreUrl } from '../catalog/view-models';

/** The sitemap protocol allows 50,000 URLs per file. */
const MAX_URLS = 50_000;
const BOOKS_PER_CALL = 100;

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);

/** robots.txt and sitemap.xml (home, genres, books, authors). */
export function seoRoutes(deps: AppDeps): Router {
  const router = Router();

  router.get('/robots.txt', (req, res) => {
    const absolute = absoluteUrl(req, deps.settings.publicBaseUrl);
    res.type('text/plain').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(
      ['User-agent: *', 'Disallow: /cart', 'Disallow: /checkout', 'Disallow: /account', 'Disallow: /search', '', `Sitemap: ${absolute('/sitemap.xml')}`, ''].join('\n'),
    );
  });

  router.get('/sitemap.xml', async (req, res) => {
    const b = req.backends;
    const absolute = absoluteUrl(req, deps.settings.publicBaseUrl);
    const paths = ['/', '/books', '/genres'];
    for (const genre of await listGenres(b)) paths.push(genreUrl(genre));
    const authors = new Map<string, AuthorRef>();
    // Every visible book, a page at a time (through the cache), collecting their authors.
    for (let page = 1; paths.length + authors.size < MAX_URLS; page++) {
      const result = await listBooks(b, { sort: 'title', page, pageSize: BOOKS_PER_CALL });
      for (const book of result.items) {
        paths.push(bookUrl(book));
        for (const author of book.authors) authors.set(author.slug, author);
      }
      if (page >= result.totalPages) break;
    }
    for (const author of authors.values()) paths.push(authorUrl(author));
    const urls = paths.slice(0, MAX_URLS).map((path) => `  <url><loc>${escapeXml(absolute(path))}</loc></url>`);
    res.type('application/xml').setHeader('Cache-Control', 'public, max-age=3600');
    res.send(`<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join('\n')}\n</urlset>\n`);
  });

  return router;
}
