import { Router, type Request, type Response } from 'express';
import { HttpError, type BookListQuery, type Category } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { errorSummaryItems, parseForm } from '../web/forms';
import { weeklyBestsellers } from './bestsellers';
import { CATALOG_PAGE_SIZE, SLUG, SORTS, catalogQuery, type CatalogQuery } from './schema';
import { getAuthor, getGenre, listBooks, listGenres } from './service';
import { genreUrl, paginate, toBookCard, urlWithQuery } from './view-models';

const HOME_SHELF_SIZE = 6;

/** A slug from the path, or a 404 before any backend is asked. */
export function slugFrom(req: Request, what: string): string {
  const slug = String(req.params.slug ?? '');
  if (!SLUG.test(slug)) throw new HttpError(404, `${what}_not_found`, `No ${what} here`);
  return slug;
}

/** The filter form's values as they go back into links (prices as typed, not cents). */
function linkQuery(raw: Record<string, string>, query: CatalogQuery, withGenre: boolean) {
  return {
    genre: withGenre ? query.genre : undefined,
    author: query.author,
    min: query.min !== undefined ? raw.min?.trim() : undefined,
    max: query.max !== undefined ? raw.max?.trim() : undefined,
    inStock: query.inStock ? '1' : undefined,
    sort: query.sort,
  };
}

async function renderCatalog(req: Request, res: Response, genre: Category | undefined): Promise<void> {
  const basePath = genre ? genreUrl(genre) : '/books';
  const genres = await listGenres(req.backends);
  const form = parseForm(catalogQuery, req.query);
  const common = {
    genre,
    genres,
    basePath,
    sorts: Object.entries(SORTS).map(([value, { label }]) => ({ value, label })),
    raw: form.raw,
  };
  // The page number is no field of the form: a bad one is a plain 400 page.
  if (!form.ok && form.problems.page) throw new HttpError(400, 'validation_failed', form.problems.page);
  if (!form.ok) {
    res.status(400).render('catalog/books', {
      ...common,
      pageTitle: `Error: ${genre?.name ?? 'All books'}`,
      problems: form.problems,
      errorSummary: errorSummaryItems(form.problems),
      books: [],
      total: 0,
      pagination: null,
    });
    return;
  }
  const query = form.values;
  const page = query.page ?? 1;
  const backendQuery: BookListQuery = {
    category: genre?.slug ?? query.genre,
    author: query.author,
    minPrice: query.min,
    maxPrice: query.max,
    inStock: query.inStock ? true : undefined,
    sort: SORTS[query.sort ?? 'title'].backend,
    page,
    pageSize: CATALOG_PAGE_SIZE,
  };
  const result = await listBooks(req.backends, backendQuery);
  if (page > 1 && page > result.totalPages) throw new HttpError(404, 'page_not_found', 'There are not that many pages');
  const links = linkQuery(form.raw, query, !genre);
  const first = (page - 1) * CATALOG_PAGE_SIZE + 1;
  res.render('catalog/books', {
    ...common,
    pageTitle: genre ? `${genre.name} books` : 'All books',
    metaDescription: genre?.description ?? 'Browse every book in the shop by genre, author, price and availability.',
    canonicalPath: urlWithQuery(basePath, { ...links, page: page > 1 ? page : undefined }),
    problems: {},
    errorSummary: [],
    query,
    activeAuthor: query.author ? { slug: query.author, removeUrl: urlWithQuery(basePath, { ...links, author: undefined }) } : null,
    books: result.items.map(toBookCard),
    total: result.total,
    range: { first, last: first + result.items.length - 1 },
    pagination: paginate(page, result.totalPages, (n) => urlWithQuery(basePath, { ...links, page: n > 1 ? n : undefined })),
  });
}

export function catalogRoutes(_deps: AppDeps): Router {
  const router = Router();

  router.get('/', async (req, res) => {
    const b = req.backends;
    const [bestsellers, newArrivals, genres] = await Promise.all([
      weeklyBestsellers(b, HOME_SHELF_SIZE).catch((err: unknown) => {
        req.log.warn({ err }, 'bestsellers unavailable');
        return [];
      }),
      listBooks(b, { sort: 'newest', page: 1, pageSize: HOME_SHELF_SIZE }),
      listGenres(b),
    ]);
    res.render('catalog/home', {
      pageTitle: 'Books for every reader',
      metaDescription: 'An independent online bookshop: classics, new fiction, science, history and more, with honest stock and fair prices.',
      canonicalPath: '/',
      bestsellers: bestsellers.map(toBookCard),
      newArrivals: newArrivals.items.map(toBookCard),
      genres: genres.map((g) => ({ ...g, url: genreUrl(g) })),
    });
  });

  router.get('/books', (req, res) => renderCatalog(req, res, undefined));

  router.get('/genres', async (req, res) => {
    const genres = await listGenres(req.backends);
    res.render('catalog/genres', {
      pageTitle: 'Genres',
      metaDescription: 'Every genre in the shop, from classics to science.',
      canonicalPath: '/genres',
      genres: genres.map((g) => ({ ...g, url: genreUrl(g) })),
    });
  });

  router.get('/genres/:slug', async (req, res) => {
    const genre = await getGenre(req.backends, slugFrom(req, 'genre'));
    await renderCatalog(req, res, genre);
  });

  router.get('/authors/:slug', async (req, res) => {
    const author = await getAuthor(req.backends, slugFrom(req, 'author'));
    const lifespan =
      author.birthYear !== null ? `${author.birthYear}–${author.deathYear ?? ''}` : author.deathYear !== null ? `died ${author.deathYear}` : null;
    res.render('catalog/author', {
      pageTitle: `${author.name}: books`,
      metaDescription: author.bio || `Books by ${author.name}.`,
      canonicalPath: `/authors/${author.slug}`,
      author,
      lifespan,
      books: author.books.map(toBookCard),
      catalogUrl: urlWithQuery('/books', { author: author.slug }),
    });
  });

  return router;
}
