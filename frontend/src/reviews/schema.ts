import { z } from 'zod';
import { optionalLine, optionalText, wholeNumber } from '../web/form-fields';

export const MAX_REVIEW_BODY = 5000;

export const reviewForm = z.object({
  rating: wholeNumber('Choose a rating from 1 to 5 stars', 1, 5),
  title: optionalLine(200, 'Enter a title of at most 200 characters'),
  body: optionalText(MAX_REVIEW_BODY, `Enter a review of at most ${MAX_REVIEW_BODY} characters`),
});

/** backend-rds' names for the review's fields are the form's. */
export const REVIEW_FIELDS = { rating: 'rating', title: 'title', body: 'body' };
