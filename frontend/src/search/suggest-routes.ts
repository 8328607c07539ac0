import { Router } from 'express';
import { HttpError } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';
import { parseForm } from '../web/forms';
import { suggestQuery } from './schema';

const SUGGESTION_LIMIT = 8;
const MIN_LENGTH = 2;

/**
 * `/search/suggest?q=`: JSON for the search box's suggestions script (public/js/search.js),
 * a thin proxy of backend-rds' `/search/suggest`. The search page works without it.
 */
export function suggestRoutes(): Router {
  const router = Router();
  router.get('/search/suggest', async (req, res) => {
    const form = parseForm(suggestQuery, req.query);
    if (!form.ok) throw new HttpError(400, 'validation_failed', form.problems.q ?? 'Bad search');
    const q = form.values.q;
    res.setHeader('Cache-Control', 'private, max-age=60');
    if (q.length < MIN_LENGTH) {
      res.json({ items: [] });
      return;
    }
    try {
      const { items } = await req.backends.rds.suggest(q, SUGGESTION_LIMIT);
      res.json({
        items: items.map((s) => ({ title: s.title, authorNames: s.authorNames, url: `/books/${encodeURIComponent(s.slug)}` })),
      });
    } catch (err) {
      if (!isBackendError(err, 400)) throw err;
      res.json({ items: [] });
    }
  });
  return router;
}
