import type { StackFixtures } from './fixtures';

/** How global-setup.ts tells the test files (jest workers) where the stack runs. */
export interface StackEnv {
  rdsUrl: string;
  redisUrl: string;
  /** A backend-redis whose Redis is not there: every call answers 503 at once. */
  redisDownUrl: string;
  serviceToken: string;
  /** Every key this run's backend-redis makes starts with it. */
  redisKeyPrefix: string;
  /** backend-rds' database, for fixtures the API cannot make (an admin account). */
  databaseUrl: string;
  fixtures: StackFixtures;
}

const VARIABLE = 'BOOKSTORE_FRONTEND_TEST_STACK';

export function publishStackEnv(env: StackEnv): void {
  process.env[VARIABLE] = JSON.stringify(env);
}

export function readStackEnv(): StackEnv {
  const text = process.env[VARIABLE];
  if (!text) throw new Error('frontend/test/stack/global-setup.ts did not run');
  return JSON.parse(text) as StackEnv;
}
