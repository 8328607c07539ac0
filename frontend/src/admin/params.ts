import type { Request } from 'express';
import { HttpError } from '@bookstore/common';
import { BOOK_ID } from '../catalog/schema';

const ORDER_ID = BOOK_ID;

/** The book id in the path, or the 404 page before any backend is asked. */
export function bookIdFrom(req: Request): number {
  const id = String(req.params.id ?? '');
  if (!BOOK_ID.test(id) || Number(id) > 2_147_483_647) throw new HttpError(404, 'book_not_found', 'No book here');
  return Number(id);
}

export function orderIdFrom(req: Request): number {
  const id = String(req.params.id ?? '');
  if (!ORDER_ID.test(id) || Number(id) > 2_147_483_647) throw new HttpError(404, 'order_not_found', 'No order here');
  return Number(id);
}
