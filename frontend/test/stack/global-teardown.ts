import path from 'node:path';
import { createRequire } from 'node:module';
import { REPO_ROOT, dropDatabase } from './database';

/** Deletes exactly this run's keys (SCAN + UNLINK; never FLUSHDB: others share this Redis). */
async function deleteRedisKeys(prefix: string): Promise<void> {
  const { createClient } = createRequire(path.join(REPO_ROOT, 'backend-redis', 'package.json'))('redis') as typeof import('redis');
  const client = createClient({ url: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379' });
  await client.connect();
  try {
    for await (const batch of client.scanIterator({ MATCH: `${prefix}*`, COUNT: 500 })) {
      if (batch.length > 0) await client.unlink(batch);
    }
  } finally {
    await client.close();
  }
}

export default async function globalTeardown(): Promise<void> {
  const stack = globalThis.bookstoreFrontendStack;
  if (!stack) return;
  await Promise.all(stack.children.map((child) => child.stop()));
  await dropDatabase(stack.databaseName);
  await deleteRedisKeys(stack.redisKeyPrefix);
  globalThis.bookstoreFrontendStack = undefined;
}
