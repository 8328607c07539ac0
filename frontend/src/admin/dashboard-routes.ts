import { Router } from 'express';
import { LOW_STOCK_THRESHOLD, bookUrl, toBookCard } from '../catalog/view-models';
import { adminStockUrl, revenueText } from './view-models';

/** `/admin`: today's orders and revenue, orders to ship, books running out, the week's bestsellers. */
export function dashboardRoutes(): Router {
  const router = Router();
  router.get('/admin', async (req, res) => {
    const board = await req.backends.rds.adminDashboard(LOW_STOCK_THRESHOLD);
    res.render('admin/dashboard', {
      pageTitle: 'Back office',
      noIndex: true,
      adminSection: 'dashboard',
      today: { ...board.today, revenueText: revenueText(board.today.revenue) },
      awaitingShipment: board.awaitingShipment,
      lowStock: {
        threshold: board.lowStock.threshold,
        books: board.lowStock.books.map((b) => ({ ...b, stockUrl: adminStockUrl(b.id), shopUrl: bookUrl(b) })),
      },
      bestsellers: board.bestsellers.items.map((item) => ({
        ...toBookCard(item.book),
        unitsSold: item.unitsSold,
      })),
      bestsellerDays: board.bestsellers.days,
    });
  });
  return router;
}
