import { z } from 'zod';
import { HttpError } from './http-errors';
import { parseInput } from './validate';

const schema = z.strictObject({
  email: z.email(),
  items: z.array(z.strictObject({ quantity: z.number().int().min(1) })),
});

test('valid input comes back parsed', () => {
  expect(parseInput(schema, { email: 'a@b.co', items: [{ quantity: 2 }] })).toEqual({
    email: 'a@b.co',
    items: [{ quantity: 2 }],
  });
});

test('bad input is a 400 naming each field at fault', () => {
  let caught: unknown;
  try {
    parseInput(schema, { email: 'nope', items: [{ quantity: 0 }], admin: true });
  } catch (err) {
    caught = err;
  }
  expect(caught).toBeInstanceOf(HttpError);
  const error = caught as HttpError;
  expect(error.status).toBe(400);
  expect(error.code).toBe('validation_failed');
  const fields = (error.details as { field: string }[]).map((d) => d.field).sort();
  expect(fields).toEqual(['admin', 'email', 'items.0.quantity']);
});
