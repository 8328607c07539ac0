import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { createPrismaClient, type PrismaClient } from '../src/db/client';
import { seedDatabase } from '../prisma/seed/seed-database';
import { seedSyntheticBooks } from '../prisma/seed/synthetic-books';

const SERVICE_DIR = path.join(__dirname, '..');
// Machines that cannot download Prisma's schema engine point the CLI at a stand-in here.
const PRISMA_ENGINE_SCRIPT = path.join(SERVICE_DIR, '..', '.ci', 'prisma-engine.sh');

export const BENCH_DATABASE = 'bookstore_bench';
export const SYNTHETIC_BOOKS = 100_000;

export function benchDatabaseUrls(env: NodeJS.ProcessEnv = process.env) {
  const admin = env.BENCH_ADMIN_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
  const url = new URL(admin);
  url.pathname = `/${BENCH_DATABASE}`;
  return { admin, bench: url.toString() };
}

async function createDatabaseIfMissing(adminUrl: string): Promise<boolean> {
  const admin = new Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [BENCH_DATABASE]);
    if (rowCount) return false;
    await admin.query(`CREATE DATABASE "${BENCH_DATABASE}"`);
    return true;
  } finally {
    await admin.end();
  }
}

/** `prisma migrate deploy` through the CLI, as the test harness does: a no-op when current. */
function migrate(databaseUrl: string): void {
  const prismaCli = require.resolve('prisma/build/index.js');
  const options = {
    cwd: SERVICE_DIR,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    // Quiet unless it fails; execFileSync's error then carries the CLI's stderr.
    stdio: 'pipe' as const,
  };
  if (existsSync(PRISMA_ENGINE_SCRIPT)) {
    execFileSync(
      'bash',
      ['-c', 'source "$1" && exec "$2" "$3" migrate deploy', 'bash', PRISMA_ENGINE_SCRIPT, process.execPath, prismaCli],
      options,
    );
  } else {
    execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], options);
  }
}

export interface PreparedDatabase {
  url: string;
  prisma: PrismaClient;
  created: boolean;
  books: number;
  setupSeconds: number;
}

/**
 * The bench's own database, kept between runs: the first run creates, migrates and seeds
 * it (about a minute for 100k synthetic books); later runs find it ready in seconds.
 * Drop it with `dropdb bookstore_bench` to start over.
 */
export async function prepareBenchDatabase(log: (line: string) => void): Promise<PreparedDatabase> {
  const startedAt = performance.now();
  const urls = benchDatabaseUrls();
  const created = await createDatabaseIfMissing(urls.admin);
  log(created ? `created database ${BENCH_DATABASE}` : `reusing database ${BENCH_DATABASE} (kept between runs)`);
  migrate(urls.bench);

  const prisma = createPrismaClient({ url: urls.bench, poolSize: 4 });
  const seeded = await seedDatabase(prisma, {
    env: { NODE_ENV: 'development', SEED_DATA_DIR: process.env.SEED_DATA_DIR },
  });
  log(`real catalog: ${seeded.catalog.books.total} books (${seeded.catalog.books.created} new)`);
  const synthetic = await seedSyntheticBooks(prisma, SYNTHETIC_BOOKS, {
    onBatch: (doneUpTo, target) => log(`  synthetic books ${doneUpTo} / ${target}`),
  });
  log(`synthetic books: ${synthetic.total} (${synthetic.created} new)`);
  // Earlier runs' orders left dead rows behind: measure the steady state autovacuum keeps,
  // not the backlog of a database reused between runs.
  await prisma.$executeRawUnsafe('VACUUM ANALYZE books, orders, order_items, stock_adjustments, payments');
  const books = await prisma.book.count({ where: { archivedAt: null } });
  return { url: urls.bench, prisma, created, books, setupSeconds: (performance.now() - startedAt) / 1000 };
}
