import { Router, type Request, type Response } from 'express';
import { HttpError, type AdminBook, type Category } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';
import { LOW_STOCK_THRESHOLD, bookUrl, paginate, urlWithQuery } from '../catalog/view-models';
import { errorSummaryItems, parseForm, problemsFromBackend, type FieldProblems } from '../web/forms';
import { logAdminAction } from './audit';
import {
  BOOK_FIELDS,
  NEW_BOOK_VALUES,
  bookFormValues,
  bookFormView,
  categoryIdsFrom,
  editBookForm,
  newBookForm,
  toBookInput,
} from './book-form';
import { SORT_OPTIONS, STATUS_OPTIONS, STOCK_OPTIONS, bookListQuery } from './book-list-schema';
import { bookIdFrom } from './params';
import { refreshShopCatalog } from './shop-refresh';
import { adminBookUrl, adminStockUrl, toBookRow } from './view-models';

const PAGE_SIZE = 25;

async function allCategories(req: Request): Promise<Category[]> {
  return (await req.backends.rds.listCategories()).items;
}

/** 409s backend-rds answers for a taken ISBN or web address, as the fields' messages. */
function conflictProblems(err: unknown): FieldProblems | undefined {
  if (isBackendError(err, 409, 'isbn_taken')) return { isbn: 'Another book already has this ISBN' };
  if (isBackendError(err, 409, 'slug_taken')) return { slug: 'Another book already uses this web address' };
  return undefined;
}

interface FormPage {
  status: number;
  book?: AdminBook;
  values: Record<string, string>;
  problems: FieldProblems;
  checkedIds: number[];
}

async function renderBookForm(req: Request, res: Response, page: FormPage): Promise<void> {
  const categories = await allCategories(req);
  const editing = page.book !== undefined;
  const title = editing ? `Edit “${page.book!.title}”` : 'New book';
  res.status(page.status).render('admin/book-form', {
    pageTitle: `${page.status === 422 ? 'Error: ' : ''}${title}`,
    noIndex: true,
    adminSection: 'books',
    heading: title,
    book: page.book
      ? {
          ...page.book,
          archived: page.book.archivedAt !== null,
          shopUrl: page.book.archivedAt === null ? bookUrl(page.book) : null,
          stockUrl: adminStockUrl(page.book.id),
        }
      : null,
    form: bookFormView(editing ? `/admin/books/${page.book!.id}` : '/admin/books', page.values, page.problems, categories, page.checkedIds, !editing),
    errorSummary: errorSummaryItems(page.problems),
    notice: noticeFrom(req),
  });
}

/** What the last action did, from the query of the 303 that followed it. */
function noticeFrom(req: Request): { text: string; warning: boolean } | null {
  const stale = req.query.stale === '1';
  const suffix = stale
    ? ' The shop\'s cache could not be refreshed: shoppers may see the old version for a minute.'
    : ' Shoppers see it now.';
  if (req.query.saved === 'created') return { text: `Book created.${suffix}`, warning: stale };
  if (req.query.saved === 'updated') return { text: `Changes saved.${suffix}`, warning: stale };
  if (req.query.saved === 'archived') return { text: `Book archived: it is no longer in the shop.${stale ? suffix : ''}`, warning: stale };
  if (req.query.saved === 'restored') return { text: `Book restored: it is back in the shop.${stale ? suffix : ''}`, warning: stale };
  return null;
}

const afterWrite = (path: string, saved: string, refreshed: boolean) => `${path}?saved=${saved}${refreshed ? '' : '&stale=1'}`;

/** Books: the list (search, filters, archived), create, edit, archive, restore. */
export function bookRoutes(): Router {
  const router = Router();

  router.get('/admin/books', async (req, res) => {
    const form = parseForm(bookListQuery, req.query);
    const categories = await allCategories(req);
    const common = {
      pageTitle: 'Books',
      noIndex: true,
      adminSection: 'books',
      raw: form.raw,
      statusOptions: STATUS_OPTIONS,
      stockOptions: STOCK_OPTIONS,
      sortOptions: SORT_OPTIONS,
      categoryOptions: [{ value: '', text: 'Every genre' }, ...categories.map((c) => ({ value: c.slug, text: c.name }))],
    };
    if (!form.ok && form.problems.page) throw new HttpError(400, 'validation_failed', form.problems.page);
    if (!form.ok) {
      res.status(400).render('admin/books', {
        ...common,
        pageTitle: 'Error: Books',
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
    const result = await req.backends.rds.adminListBooks({
      q: query.q,
      status: query.status ?? 'active',
      stock: query.stock,
      lowStockAt: LOW_STOCK_THRESHOLD,
      category: query.category,
      sort: query.sort ?? 'title',
      page,
      pageSize: PAGE_SIZE,
    });
    const links = { q: query.q, status: query.status, stock: query.stock, category: query.category, sort: query.sort };
    res.render('admin/books', {
      ...common,
      problems: {},
      errorSummary: [],
      books: result.items.map(toBookRow),
      total: result.total,
      pagination: paginate(page, result.totalPages, (n) => urlWithQuery('/admin/books', { ...links, page: n > 1 ? n : undefined })),
    });
  });

  router.get('/admin/books/new', async (req, res) => {
    await renderBookForm(req, res, { status: 200, values: NEW_BOOK_VALUES, problems: {}, checkedIds: [] });
  });

  router.post('/admin/books', async (req, res) => {
    const form = parseForm(newBookForm, req.body);
    const checkedIds = categoryIdsFrom(req.body);
    if (!form.ok) return renderBookForm(req, res, { status: 422, values: form.raw, problems: form.problems, checkedIds });
    let created;
    try {
      created = await req.backends.rds.adminCreateBook({ ...toBookInput(form.values, checkedIds), stock: form.values.stock ?? 0 });
    } catch (err) {
      const problems = conflictProblems(err) ?? problemsFromBackend(err, BOOK_FIELDS);
      if (!problems) throw err;
      return renderBookForm(req, res, { status: 422, values: form.raw, problems, checkedIds });
    }
    logAdminAction(req, 'book.create', { bookId: created.id, title: created.title, stock: created.stock });
    res.redirect(303, afterWrite(adminBookUrl(created.id), 'created', await refreshShopCatalog(req)));
  });

  router.get('/admin/books/:id/edit', async (req, res) => {
    const book = await req.backends.rds.adminGetBook(bookIdFrom(req));
    await renderBookForm(req, res, { status: 200, book, values: bookFormValues(book), problems: {}, checkedIds: book.categories.map((c) => c.id) });
  });

  router.post('/admin/books/:id', async (req, res) => {
    const bookId = bookIdFrom(req);
    const book = await req.backends.rds.adminGetBook(bookId);
    const form = parseForm(editBookForm, req.body);
    const checkedIds = categoryIdsFrom(req.body);
    if (book.archivedAt !== null) {
      return renderBookForm(req, res, { status: 409, book, values: bookFormValues(book), problems: { 'book-form': 'An archived book cannot be edited: restore it first' }, checkedIds });
    }
    if (!form.ok) return renderBookForm(req, res, { status: 422, book, values: form.raw, problems: form.problems, checkedIds });
    try {
      await req.backends.rds.adminUpdateBook(bookId, toBookInput(form.values, checkedIds));
    } catch (err) {
      const problems = conflictProblems(err) ?? problemsFromBackend(err, BOOK_FIELDS);
      if (!problems) throw err;
      return renderBookForm(req, res, { status: 422, book, values: form.raw, problems, checkedIds });
    }
    logAdminAction(req, 'book.update', {
      bookId,
      priceCents: { before: book.priceCents, after: form.values.price },
      title: form.values.title,
    });
    res.redirect(303, afterWrite(adminBookUrl(bookId), 'updated', await refreshShopCatalog(req)));
  });

  router.post('/admin/books/:id/archive', async (req, res) => {
    const bookId = bookIdFrom(req);
    await req.backends.rds.adminArchiveBook(bookId);
    logAdminAction(req, 'book.archive', { bookId });
    res.redirect(303, afterWrite(adminBookUrl(bookId), 'archived', await refreshShopCatalog(req)));
  });

  router.post('/admin/books/:id/restore', async (req, res) => {
    const bookId = bookIdFrom(req);
    try {
      await req.backends.rds.adminRestoreBook(bookId);
    } catch (err) {
      // Restored already (a double click): the page says what it is now.
      if (!isBackendError(err, 409, 'book_not_archived')) throw err;
    }
    logAdminAction(req, 'book.restore', { bookId });
    res.redirect(303, afterWrite(adminBookUrl(bookId), 'restored', await refreshShopCatalog(req)));
  });

  return router;
}
