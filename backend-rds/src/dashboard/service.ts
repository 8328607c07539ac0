import type { AdminDashboard, MoneyTotal } from '@bookstore/common';
import type { PrismaClient } from '../db/client';
import { bestsellers } from '../bestsellers/service';
import { SOLD_STATUSES } from '../orders/status';
import type { DashboardQuery } from './schema';

const DAY_MS = 86_400_000;
const LOW_STOCK_ROWS = 10;
const BESTSELLER_DAYS = 7;
const BESTSELLER_ROWS = 5;

/**
 * What the back office opens on: today's sales (orders paid since midnight UTC that still
 * count: a cancellation takes them out), paid orders waiting to ship, the books about to run
 * out, and this week's bestsellers. Each is one indexed query: `orders (status, paid_at)`,
 * and the books' stock among visible books.
 */
export async function dashboard(db: PrismaClient, now: Date, { lowStockAt }: DashboardQuery): Promise<AdminDashboard> {
  const midnight = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const sold = { status: { in: [...SOLD_STATUSES] }, paidAt: { gte: midnight, lte: now } };
  const [todayByCurrency, awaitingShipment, lowStock, weekBestsellers] = await Promise.all([
    db.order.groupBy({ by: ['currency'], where: sold, _count: { _all: true }, _sum: { totalCents: true }, orderBy: { currency: 'asc' } }),
    db.order.count({ where: { status: 'paid' } }),
    db.book.findMany({
      where: { archivedAt: null, stock: { lte: lowStockAt } },
      select: { id: true, slug: true, title: true, stock: true, unitsSold: true },
      orderBy: [{ stock: 'asc' }, { unitsSold: 'desc' }, { id: 'asc' }],
      take: LOW_STOCK_ROWS,
    }),
    bestsellers(db, now, BESTSELLER_DAYS, BESTSELLER_ROWS),
  ]);
  const revenue: MoneyTotal[] = todayByCurrency.map((row) => ({ currency: row.currency, totalCents: row._sum.totalCents ?? 0 }));
  return {
    today: {
      date: midnight.toISOString().slice(0, 10),
      orders: todayByCurrency.reduce((sum, row) => sum + row._count._all, 0),
      revenue,
    },
    awaitingShipment,
    lowStock: { threshold: lowStockAt, books: lowStock },
    bestsellers: { days: BESTSELLER_DAYS, items: weekBestsellers },
  } satisfies AdminDashboard;
}
