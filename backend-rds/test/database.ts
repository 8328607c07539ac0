import { randomBytes } from 'node:crypto';
import { createPrismaClient, type PrismaClient } from '../src/db/client';
import { databaseUrl, quoteIdent, withAdmin } from './postgres-admin';

export interface TestDatabase {
  name: string;
  url: string;
  prisma: PrismaClient;
  /** Disconnects and drops the database. Call it in afterAll. */
  drop(): Promise<void>;
}

/**
 * A fresh, migrated database for one test file, cloned from the run's template. Files
 * never share data, so they can run in parallel and in any order.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const runId = process.env.BOOKSTORE_TEST_RUN;
  const template = process.env.BOOKSTORE_TEST_TEMPLATE;
  if (!runId || !template) throw new Error('test/global-setup.ts did not run');
  const name = `bookstore_test_${runId}_${randomBytes(4).toString('hex')}`;
  await withAdmin((admin) =>
    admin.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(template)}`),
  );
  const url = databaseUrl(name);
  const prisma = createPrismaClient({ url, poolSize: 20 });
  return {
    name,
    url,
    prisma,
    drop: async () => {
      await prisma.$disconnect();
      await withAdmin((admin) =>
        admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`),
      );
    },
  };
}
