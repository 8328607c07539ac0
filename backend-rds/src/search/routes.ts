import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { searchQuery, suggestQuery } from './schema';
import { search, suggest } from './service';

/** Full-text and typo-tolerant book search, read from the reader (see queries.ts). */
export function searchRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.reader;

  router.get('/search', async (req, res) => {
    const { q: words, ...pagination } = parseInput(searchQuery, req.query, 'query');
    res.json(await search(db, words, pagination));
  });

  router.get('/search/suggest', async (req, res) => {
    const { q: words, limit } = parseInput(suggestQuery, req.query, 'query');
    res.json(await suggest(db, words, limit));
  });

  return router;
}
