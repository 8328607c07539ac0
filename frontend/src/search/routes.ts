import { Router } from 'express';
import { HttpError } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';
import { errorSummaryItems, parseForm } from '../web/forms';
import { listGenres } from '../catalog/service';
import { genreUrl, paginate, toBookCard, urlWithQuery } from '../catalog/view-models';
import { safeHighlight } from './highlight';
import { searchQuery } from './schema';

const RESULTS_PAGE_SIZE = 20;
const SUGGESTIONS_WHEN_EMPTY = 6;

/** `/search?q=`: ranked, typo-tolerant results from backend-rds with highlighted snippets. */
export function searchRoutes(): Router {
  const router = Router();

  router.get('/search', async (req, res) => {
    const b = req.backends;
    const form = parseForm(searchQuery, req.query);
    if (!form.ok) {
      res.status(400).render('search/results', {
        pageTitle: 'Error: Search',
        searchQuery: form.raw.q ?? '',
        problems: form.problems,
        errorSummary: errorSummaryItems(form.problems),
        state: 'invalid',
      });
      return;
    }
    const q = form.values.q ?? '';
    const page = form.values.page ?? 1;
    if (q === '') {
      const genres = await listGenres(b);
      res.render('search/results', { pageTitle: 'Search', searchQuery: '', problems: {}, errorSummary: [], state: 'empty', genres: genres.map((g) => ({ ...g, url: genreUrl(g) })) });
      return;
    }

    let result;
    try {
      result = await b.rds.search(q, page, RESULTS_PAGE_SIZE);
    } catch (err) {
      // Only punctuation: nothing to look for, which is "no match", not an error.
      if (!isBackendError(err, 400)) throw err;
      result = { items: [], page: 1, pageSize: RESULTS_PAGE_SIZE, total: 0, totalPages: 0 };
    }
    if (page > 1 && page > result.totalPages) throw new HttpError(404, 'page_not_found', 'There are not that many pages of results');

    if (result.items.length === 0) {
      const [suggestions, genres] = await Promise.all([
        b.rds.suggest(q, SUGGESTIONS_WHEN_EMPTY).then((s) => s.items).catch(() => []),
        listGenres(b),
      ]);
      res.render('search/results', {
        pageTitle: `No results for “${q}”`,
        searchQuery: q,
        problems: {},
        errorSummary: [],
        state: 'no-results',
        suggestions: suggestions.map((s) => ({ ...s, url: `/books/${encodeURIComponent(s.slug)}` })),
        genres: genres.map((g) => ({ ...g, url: genreUrl(g) })),
      });
      return;
    }

    const first = (page - 1) * RESULTS_PAGE_SIZE + 1;
    res.render('search/results', {
      pageTitle: `Search results for “${q}”`,
      searchQuery: q,
      problems: {},
      errorSummary: [],
      state: 'results',
      total: result.total,
      range: { first, last: first + result.items.length - 1 },
      hits: result.items.map((hit) => ({
        ...toBookCard(hit),
        titleHtml: safeHighlight(hit.highlight.title),
        snippetHtml: safeHighlight(hit.highlight.snippet),
      })),
      pagination: paginate(page, result.totalPages, (n) => urlWithQuery('/search', { q, page: n > 1 ? n : undefined })),
    });
  });

  return router;
}
