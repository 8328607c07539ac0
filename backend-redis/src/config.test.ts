import { ConfigError } from '@bookstore/common';
import { readConfig, settingsFrom } from './config';

test('defaults work on a developer machine', () => {
  const config = readConfig({});
  expect(config).toMatchObject({
    PORT: 8002,
    REDIS_URL: 'redis://127.0.0.1:6379',
    REDIS_KEY_PREFIX: 'bookstore:',
    REDIS_CLUSTER: false,
    REDIS_COMMAND_TIMEOUT_MS: 1000,
  });
  expect(settingsFrom(config).rateLimits['sign-in']).toEqual({ limit: 5, windowMs: 60_000 });
});

test('the development service token is refused in production', () => {
  expect(() => readConfig({ NODE_ENV: 'production' })).toThrow(/SERVICE_TOKEN/);
  expect(readConfig({ NODE_ENV: 'production', SERVICE_TOKEN: 'a-real-secret-0123456789' }).NODE_ENV).toBe('production');
});

test('cluster mode, TLS URLs and rate-limit rules are read from the environment', () => {
  const config = readConfig({
    REDIS_CLUSTER: 'true',
    REDIS_CLUSTER_NODES: 'rediss://a.cache.amazonaws.com:6379, rediss://b.cache.amazonaws.com:6379',
    RATE_LIMIT_CHECKOUT: '20/30',
  });
  expect(config.REDIS_CLUSTER).toBe(true);
  expect(config.REDIS_CLUSTER_NODES).toEqual(['rediss://a.cache.amazonaws.com:6379', 'rediss://b.cache.amazonaws.com:6379']);
  expect(config.RATE_LIMIT_CHECKOUT).toEqual({ limit: 20, windowMs: 30_000 });
});

test.each([
  [{ REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL'],
  [{ REDIS_KEY_PREFIX: '{shop}:' }, 'REDIS_KEY_PREFIX'],
  [{ REDIS_CLUSTER: 'true' }, 'REDIS_CLUSTER_NODES'],
  [{ RATE_LIMIT_SIGN_IN: 'five per minute' }, 'RATE_LIMIT_SIGN_IN'],
  [{ REDIS_COMMAND_TIMEOUT_MS: '5' }, 'REDIS_COMMAND_TIMEOUT_MS'],
])('%j is refused, naming %s', (env, variable) => {
  expect(() => readConfig(env)).toThrow(ConfigError);
  expect(() => readConfig(env)).toThrow(new RegExp(variable));
});
