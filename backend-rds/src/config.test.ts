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
