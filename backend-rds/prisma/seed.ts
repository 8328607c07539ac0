// `npm run db:seed`: loads the real catalog (prisma/data, or SEED_DATA_DIR) and the demo
// users into DATABASE_URL. Safe to run again: it updates descriptive fields and never
// resets stock.
import 'dotenv/config';
import { createPrismaClient } from '../src/db/client';
import { InvalidCatalogError } from './seed/load-catalog';
import { formatSeedSummary, seedDatabase } from './seed/seed-database';

const DEV_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/bookstore';

async function main(): Promise<number> {
  const url = process.env.DATABASE_URL || DEV_DATABASE_URL;
  const prisma = createPrismaClient({ url, poolSize: 2, caCertPath: process.env.DATABASE_CA_CERT_PATH });
  const startedAt = performance.now();
  try {
    const summary = await seedDatabase(prisma);
    console.log(formatSeedSummary(summary));
    console.log(`seeded ${new URL(url).pathname.slice(1)} in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`);
    return 0;
  } catch (err) {
    if (err instanceof InvalidCatalogError) {
      console.error(`seed refused: the catalog data has ${err.problems.length} problem(s):`);
      for (const problem of err.problems) console.error(`  - ${problem}`);
      return 1;
    }
    console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  } finally {
    await prisma.$disconnect();
  }
}

main().then((code) => process.exit(code));
