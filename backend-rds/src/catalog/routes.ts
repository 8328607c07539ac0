import { Router } from 'express';
import { parseInput } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { bookKeyParams, bookListQuery, slugParams } from './schema';
import {
  getAuthorWithBooks,
  getBookDetail,
  getCategory,
  listBooks,
  listCategories,
} from './service';

/** The public catalog: read-only, served from the reader (a replica when there is one). */
export function catalogRoutes(deps: AppDeps): Router {
  const router = Router();
  const db = deps.db.reader;

  router.get('/books', async (req, res) => {
    const query = parseInput(bookListQuery, req.query, 'query');
    res.json(await listBooks(db, query));
  });

  router.get('/books/:idOrSlug', async (req, res) => {
    const { idOrSlug } = parseInput(bookKeyParams, req.params, 'params');
    res.json(await getBookDetail(db, idOrSlug));
  });

  router.get('/categories', async (_req, res) => {
    res.json(await listCategories(db));
  });

  router.get('/categories/:slug', async (req, res) => {
    const { slug } = parseInput(slugParams, req.params, 'params');
    res.json(await getCategory(db, slug));
  });

  router.get('/authors/:slug', async (req, res) => {
    const { slug } = parseInput(slugParams, req.params, 'params');
    res.json(await getAuthorWithBooks(db, slug));
  });

  return router;
}
