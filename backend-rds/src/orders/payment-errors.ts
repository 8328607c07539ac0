import { HttpError } from '@bookstore/common';
import { PAYMENT_FAILURE } from './settle-order';

export function paymentUnavailableError(): HttpError {
  return new HttpError(503, 'payment_unavailable', 'The payment provider is unavailable, try again shortly', undefined, {
    'Retry-After': '5',
  });
}

/**
 * The answer for an attempt that ended payment_failed, from its stored reason: the same
 * answer the attempt itself gave, so a duplicate that waited for it hears the same thing.
 */
export function paymentFailureError(reason: string | null, message = 'The card was declined'): HttpError {
  if (reason === null || reason === PAYMENT_FAILURE.unavailable || reason === PAYMENT_FAILURE.interrupted) {
    return paymentUnavailableError();
  }
  return new HttpError(402, 'payment_declined', message, { declineCode: reason });
}
