import { z } from 'zod';
import { ORDER_STATUSES, inputText } from '@bookstore/common';
import { paginationSchema } from '../http/params';

/** A calendar day, YYYY-MM-DD, that exists (no 2026-02-30). */
const utcDay = inputText()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Use YYYY-MM-DD')
  .refine((day) => {
    const date = new Date(`${day}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(day);
  }, 'No such day');

export const adminOrderListQuery = paginationSchema
  .extend({
    status: z.enum(ORDER_STATUSES).optional(),
    from: utcDay.optional(),
    to: utcDay.optional(),
  })
  .refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, {
    path: ['to'],
    message: 'to must not be before from',
  });

export type AdminOrderListQuery = z.output<typeof adminOrderListQuery>;
