import { ConfigError } from '@bookstore/common';
import { readConfig } from './config';

test('defaults work on a developer machine', () => {
  const config = readConfig({});
  expect(config.PORT).toBe(8001);
  expect(config.DATABASE_URL).toBe('postgresql://postgres@127.0.0.1:5432/bookstore');
  expect(config.DATABASE_REPLICA_URLS).toEqual([]);
  expect(config.ORDER_CONCURRENCY).toBe(5);
});

test('replica URLs are a comma-separated list', () => {
  const config = readConfig({
    DATABASE_REPLICA_URLS: 'postgresql://a@r1/db, postgresql://a@r2/db',
  });
  expect(config.DATABASE_REPLICA_URLS).toEqual(['postgresql://a@r1/db', 'postgresql://a@r2/db']);
});

test('order concurrency follows the pool size unless set', () => {
  expect(readConfig({ DATABASE_POOL_SIZE: '20' }).ORDER_CONCURRENCY).toBe(10);
  expect(readConfig({ DATABASE_POOL_SIZE: '20', ORDER_CONCURRENCY: '16' }).ORDER_CONCURRENCY).toBe(16);
  expect(() => readConfig({ DATABASE_POOL_SIZE: '4', ORDER_CONCURRENCY: '4' })).toThrow(
    /ORDER_CONCURRENCY/,
  );
});

test('production refuses the development service token', () => {
  expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(ConfigError);
  expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/SERVICE_TOKEN/);
  expect(
    readConfig({ NODE_ENV: 'production', SERVICE_TOKEN: 'a-long-random-production-secret' }).NODE_ENV,
  ).toBe('production');
});

test('a bad pool size is refused by name', () => {
  expect(() => readConfig({ DATABASE_POOL_SIZE: 'lots' })).toThrow(/DATABASE_POOL_SIZE/);
});

test('the sandbox answers at once and pending orders settle after a minute, unless set', () => {
  const config = readConfig({});
  expect(config).toMatchObject({
    PAYMENT_SANDBOX_LATENCY_MS: 0,
    PAYMENT_SANDBOX_JITTER_MS: 0,
    PENDING_ORDER_SETTLE_AFTER_MS: 60_000,
    PENDING_ORDER_SETTLE_INTERVAL_MS: 30_000,
    ORDER_REPLAY_WAIT_MS: 5_000,
  });
});

test('settlement must wait longer than a charge can take, or it could release a charged order', () => {
  // Three attempts at up to 500 ms, and the pauses between them (200 ms): 1,700 ms.
  const slow = { PAYMENT_SANDBOX_LATENCY_MS: '300', PAYMENT_SANDBOX_JITTER_MS: '200' };
  expect(() => readConfig({ ...slow, PENDING_ORDER_SETTLE_AFTER_MS: '1700' })).toThrow(/PENDING_ORDER_SETTLE_AFTER_MS/);
  expect(readConfig({ ...slow, PENDING_ORDER_SETTLE_AFTER_MS: '1701' }).PENDING_ORDER_SETTLE_AFTER_MS).toBe(1701);
});
