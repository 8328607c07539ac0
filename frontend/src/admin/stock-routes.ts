import { Router, type Request, type Response } from 'express';
import { HttpError } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';
import { paginate, stockWording, urlWithQuery } from '../catalog/view-models';
import { pageField } from '../catalog/schema';
import { errorSummaryItems, parseForm, problemsFromBackend, type FieldProblems } from '../web/forms';
import { logAdminAction } from './audit';
import { bookIdFrom } from './params';
import { refreshShopCatalog } from './shop-refresh';
import { stockAdjustmentForm } from './stock-form';
import { STOCK_REASON_OPTIONS, adminBookUrl, adminStockUrl, toHistoryRow } from './view-models';

const HISTORY_PAGE_SIZE = 20;

interface StockPage {
  status: number;
  values: Record<string, string>;
  problems: FieldProblems;
}

function historyPage(req: Request): number {
  const parsed = pageField.safeParse(req.query.page);
  if (!parsed.success) throw new HttpError(400, 'validation_failed', 'Page must be a whole number');
  return parsed.data ?? 1;
}

async function renderStock(req: Request, res: Response, bookId: number, page: StockPage): Promise<void> {
  const pageNumber = req.method === 'GET' ? historyPage(req) : 1;
  const [book, history] = await Promise.all([
    req.backends.rds.adminGetBook(bookId),
    req.backends.rds.adminStockHistory(bookId, pageNumber, HISTORY_PAGE_SIZE),
  ]);
  const stale = req.query.stale === '1';
  res.status(page.status).render('admin/stock', {
    pageTitle: `${page.status === 422 ? 'Error: ' : ''}Stock of “${book.title}”`,
    noIndex: true,
    adminSection: 'books',
    book: { ...book, archived: book.archivedAt !== null, editUrl: adminBookUrl(book.id), stockWording: stockWording(book.stock) },
    action: adminStockUrl(book.id),
    values: page.values,
    problems: page.problems,
    errorSummary: errorSummaryItems(page.problems),
    reasons: STOCK_REASON_OPTIONS,
    history: history.items.map(toHistoryRow),
    historyTotal: history.total,
    pagination: paginate(pageNumber, history.totalPages, (n) => urlWithQuery(adminStockUrl(book.id), { page: n > 1 ? n : undefined })),
    notice:
      req.query.saved === '1'
        ? { text: `Stock changed.${stale ? ' The shop\'s cache could not be refreshed: shoppers may see the old count for a minute.' : ' Shoppers see the new count now.'}`, warning: stale }
        : null,
  });
}

/** Stock: change the count with a reason (kept as history), and that history with the sales. */
export function stockRoutes(): Router {
  const router = Router();

  router.get('/admin/books/:id/stock', async (req, res) => {
    await renderStock(req, res, bookIdFrom(req), { status: 200, values: { reason: 'restock' }, problems: {} });
  });

  router.post('/admin/books/:id/stock', async (req, res) => {
    const bookId = bookIdFrom(req);
    const form = parseForm(stockAdjustmentForm, req.body);
    if (!form.ok) return renderStock(req, res, bookId, { status: 422, values: form.raw, problems: form.problems });
    let result;
    try {
      result = await req.backends.rds.adminAdjustStock(bookId, { ...form.values, note: form.values.note ?? '' });
    } catch (err) {
      const problems: FieldProblems | undefined =
        isBackendError(err, 409, 'insufficient_stock')
          ? { delta: `There are only ${String((err.details as { stock?: number } | undefined)?.stock ?? 'so few')} in stock: remove at most that many` }
          : isBackendError(err, 409, 'stock_too_large')
            ? { delta: 'That would be more stock than the shop can count' }
            : isBackendError(err, 404)
              ? { delta: 'This book is archived: restore it before changing its stock' }
              : problemsFromBackend(err, { delta: 'delta', reason: 'reason', note: 'note' });
      if (!problems) throw err;
      return renderStock(req, res, bookId, { status: 422, values: form.raw, problems });
    }
    logAdminAction(req, 'stock.adjust', { bookId, delta: form.values.delta, reason: form.values.reason, stockAfter: result.stock });
    const refreshed = await refreshShopCatalog(req);
    res.redirect(303, `${adminStockUrl(bookId)}?saved=1${refreshed ? '' : '&stale=1'}`);
  });

  return router;
}
