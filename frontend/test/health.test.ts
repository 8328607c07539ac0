import supertest from 'supertest';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';

const logger = createLogger('frontend-test', 'silent');

test('GET /healthz answers while the backends are down', async () => {
  const app = createApp({ logger, checkBackends: () => Promise.reject(new Error('down')) });
  await supertest(app).get('/healthz').expect(200, { status: 'ok' });
});

test('GET /readyz is 503 until both backends are ready', async () => {
  const down = createApp({ logger, checkBackends: () => Promise.reject(new Error('rds down')) });
  const res = await supertest(down).get('/readyz').expect(503);
  expect(res.body).toEqual({ status: 'not_ready', reason: 'rds down' });

  const up = createApp({ logger, checkBackends: () => Promise.resolve() });
  await supertest(up).get('/readyz').expect(200, { status: 'ready' });
});
