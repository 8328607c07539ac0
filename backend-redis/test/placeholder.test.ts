import supertest from 'supertest';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';

test('unknown routes are JSON 404s', async () => {
  const res = await supertest(createApp({ logger: createLogger('t', 'silent') })).get('/x');
  expect(res.status).toBe(404);
});
