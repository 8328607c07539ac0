// `npm run db:seed:synthetic [N]`: adds N synthetic books (default 100,000, or
// SYNTHETIC_BOOKS) to DATABASE_URL for benchmarks. Run `npm run db:seed` first. Running it
// again with the same N does nothing; a larger N adds the difference.
import 'dotenv/config';
import { createPrismaClient } from '../src/db/client';
import { seedSyntheticBooks } from './seed/synthetic-books';

const DEV_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bookstore';
const DEFAULT_COUNT = 100_000;
const MAX_COUNT = 10_000_000;

function requestedCount(): number {
  const raw = process.argv[2] ?? process.env.SYNTHETIC_BOOKS ?? String(DEFAULT_COUNT);
  const count = Number(raw.replaceAll('_', ''));
  if (!Number.isInteger(count) || count < 0 || count > MAX_COUNT) {
    throw new Error(`the number of books must be an integer from 0 to ${MAX_COUNT}, got "${raw}"`);
  }
  return count;
}

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL || DEV_DATABASE_URL;
  const count = requestedCount();
  const prisma = createPrismaClient({ url, poolSize: 2, caCertPath: process.env.DATABASE_CA_CERT_PATH });
  const startedAt = performance.now();
  const seconds = () => ((performance.now() - startedAt) / 1000).toFixed(1);
  try {
    const result = await seedSyntheticBooks(prisma, count, {
      onBatch: (doneUpTo, target) => console.log(`  ${doneUpTo} / ${target} (${seconds()} s)`),
    });
    console.log(
      result.created === 0
        ? `synthetic books: ${result.total} present already, nothing to do`
        : `synthetic books: ${result.created} created (${result.total} in all) in ${seconds()} s`,
    );
    return 0;
  } catch (err) {
    console.error(`synthetic seed failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().then((code) => process.exit(code));
