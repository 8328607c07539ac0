import { z } from 'zod';
import { textInt } from '@bookstore/common';

/** `lowStockAt`: the shop's "Only N left" threshold, which the frontend owns and sends. */
export const dashboardQuery = z.object({
  lowStockAt: textInt(1, 1000).default(5),
});

export type DashboardQuery = z.output<typeof dashboardQuery>;
