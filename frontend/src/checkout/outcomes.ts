import type { InsufficientStockLine, PaymentDeclinedDetails } from '@bookstore/common';
import { isBackendError } from '../backends/backend-error';
import { problemsFromBackend, type FieldProblems } from '../web/forms';
import { ORDER_FIELDS } from './schema';

/** Where the summary links for a problem with the order as a whole (or one of its books). */
export const ORDER_SUMMARY_ID = 'order-summary';
export const summaryLineId = (bookId: number) => `summary-${bookId}`;

export type CheckoutFailure =
  | { kind: 'form'; status: number; problems: FieldProblems; headers?: Record<string, string> }
  /** The key already holds an order of this user (placed, or still being placed): show it. */
  | { kind: 'existing-order'; orderId: number };

const DECLINES: Record<string, string> = {
  card_declined: 'Your card was declined. Try another card, or ask your bank why.',
  insufficient_funds: 'Your card was declined: there are not enough funds. Try another card.',
};

function declined(details: unknown): string {
  const code = (details as PaymentDeclinedDetails | undefined)?.declineCode;
  return (code && DECLINES[code]) ?? 'Your card was declined. Try another card.';
}

function stockProblems(details: unknown): FieldProblems {
  const problems: FieldProblems = {};
  for (const line of Array.isArray(details) ? (details as InsufficientStockLine[]) : []) {
    const title = line.title ?? 'One book';
    problems[summaryLineId(line.bookId)] =
      line.available > 0
        ? `Only ${line.available} left of ${title}: lower the quantity in your cart`
        : `${title} is out of stock: remove it from your cart`;
  }
  return Object.keys(problems).length > 0 ? problems : { [ORDER_SUMMARY_ID]: 'Some books are short of stock: check your cart' };
}

const busy = (message: string): CheckoutFailure & { kind: 'form' } => ({
  kind: 'form',
  status: 503,
  problems: { [ORDER_SUMMARY_ID]: message },
  headers: { 'Retry-After': '5' },
});

/**
 * What a failed `POST /orders` means for the shopper, on the same form: a declined card at
 * the card number, short stock at the book's line of the summary, the rest at the summary.
 * Undefined for failures that are not the shopper's to fix (they get the error pages).
 */
export function checkoutFailure(err: unknown): CheckoutFailure | undefined {
  if (!isBackendError(err)) return undefined;
  const is = (status: number, code: string) => err.status === status && err.code === code;
  const orderId = (err.details as { orderId?: unknown } | undefined)?.orderId;
  if ((err.code === 'idempotency_key_reused' || err.code === 'order_in_progress') && typeof orderId === 'number') {
    return { kind: 'existing-order', orderId };
  }
  if (is(402, 'payment_declined')) return { kind: 'form', status: 422, problems: { cardNumber: declined(err.details) } };
  if (is(409, 'insufficient_stock')) return { kind: 'form', status: 422, problems: stockProblems(err.details) };
  if (is(404, 'book_not_found')) {
    const ids = (err.details as { bookIds?: number[] } | undefined)?.bookIds ?? [];
    const problems = Object.fromEntries(ids.map((id) => [summaryLineId(id), 'This book is no longer sold: remove it from your cart']));
    return { kind: 'form', status: 422, problems: ids.length > 0 ? problems : { [ORDER_SUMMARY_ID]: 'A book in your cart is no longer sold' } };
  }
  if (is(409, 'checkout_expired')) {
    return { kind: 'form', status: 422, problems: { cardNumber: 'The payment took too long and was cancelled: you were not charged. Please try again.' } };
  }
  if (is(409, 'mixed_currencies') || is(409, 'order_too_large')) {
    return { kind: 'form', status: 422, problems: { [ORDER_SUMMARY_ID]: 'These books cannot be paid for in one order: split them into two orders' } };
  }
  if (is(400, 'validation_failed')) {
    // The form checks what backend-rds checks, so this is rare; its messages are for developers.
    const { form, ...fields } = problemsFromBackend(err, ORDER_FIELDS) ?? {};
    const problems: FieldProblems = Object.fromEntries(Object.keys(fields).map((name) => [name, 'This was not accepted: check it and try again']));
    if (form !== undefined || Object.keys(problems).length === 0) problems[ORDER_SUMMARY_ID] = 'We could not place the order as it was: check the details and try again';
    return { kind: 'form', status: 422, problems };
  }
  if (is(503, 'payment_unavailable')) {
    const message = 'We could not reach the card company, so nothing was charged. Please try again in a moment.';
    return { kind: 'form', status: 503, problems: { cardNumber: message }, headers: { 'Retry-After': '5' } };
  }
  if (err.backend === 'backend-rds' && err.code === 'backend_timeout') {
    return busy('We did not hear back in time. Place the order again: it will not be placed twice.');
  }
  if (err.backend === 'backend-rds' && err.unavailable) {
    return busy('The shop is very busy and nothing was charged. Please try again in a moment.');
  }
  return undefined;
}
