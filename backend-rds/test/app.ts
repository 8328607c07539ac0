import supertest from 'supertest';
import { createLogger } from '@bookstore/common';
import { createApp } from '../src/app';
import { readConfig } from '../src/config';
import type { AppDeps } from '../src/deps';
import type { PrismaClient } from '../src/db/client';
import { postgresSandboxLedger } from '../src/payments/sandbox-ledger';
import { TestPaymentProvider, type SandboxOptions } from '../src/payments/test-provider';
import { createTestDatabase, type TestDatabase } from './database';

export const TEST_SERVICE_TOKEN = 'test-service-token-0123456789abcdef';

export interface TestApp {
  db: TestDatabase;
  prisma: PrismaClient;
  deps: AppDeps;
  /** supertest agent factory with the service token already set. */
  api: () => ReturnType<typeof authorised>;
  /** supertest without credentials, for 401 cases and health routes. */
  anonymous: ReturnType<typeof supertest>;
  close(): Promise<void>;
}

function authorised(app: Parameters<typeof supertest>[0]) {
  const agent = supertest.agent(app);
  agent.set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`);
  return agent;
}

/**
 * Everything the app needs but a database: the sandbox (its ledger in memory: buildTestApp
 * gives it the test database instead), a quiet logger, config defaults.
 */
export function baseTestDeps(): Omit<AppDeps, 'db'> {
  // The service's own defaults, from the one place they are written.
  const defaults = readConfig({});
  return {
    payments: new TestPaymentProvider(),
    logger: createLogger('backend-rds-test', process.env.TEST_LOG_LEVEL ?? 'silent'),
    serviceToken: TEST_SERVICE_TOKEN,
    clock: () => new Date(),
    orderTransactionTimeoutMs: defaults.ORDER_TRANSACTION_TIMEOUT_MS,
    orderConcurrency: defaults.ORDER_CONCURRENCY,
    orderReplayWaitMs: defaults.ORDER_REPLAY_WAIT_MS,
  };
}

/** The sandbox as the server builds it: its charges in `sandbox_charges` of this database. */
export function sandboxOn(prisma: PrismaClient, options: Omit<SandboxOptions, 'ledger'> = {}): TestPaymentProvider {
  return new TestPaymentProvider({ ...options, ledger: postgresSandboxLedger(prisma) });
}

/**
 * The real app on a fresh database of its own, with the durable sandbox on it. Override
 * deps (clock, payments) per file; a function gets the database first, to build them on it.
 */
export async function buildTestApp(
  overrides: Partial<AppDeps> | ((db: TestDatabase) => Partial<AppDeps>) = {},
): Promise<TestApp> {
  const db = await createTestDatabase();
  const deps: AppDeps = {
    db: { primary: db.prisma, reader: db.prisma, disconnect: () => db.prisma.$disconnect() },
    ...baseTestDeps(),
    payments: sandboxOn(db.prisma),
    ...(typeof overrides === 'function' ? overrides(db) : overrides),
  };
  const app = createApp(deps);
  return {
    db,
    prisma: db.prisma,
    deps,
    api: () => authorised(app),
    anonymous: supertest(app),
    close: () => db.drop(),
  };
}
