import type { PrismaClient } from '../../src/db/client';
import { demoUsersFromEnv, ensureDemoUsers } from './demo-users';
import { DEFAULT_DATA_DIR, loadCatalog } from './load-catalog';
import { upsertCatalog, type CatalogSeedSummary } from './upsert-catalog';

export interface SeedSummary {
  files: string[];
  catalog: CatalogSeedSummary;
  demoUsers: { created: string[]; existing: string[] };
}

export interface SeedOptions {
  /** Defaults to SEED_DATA_DIR from `env`, else prisma/data. */
  dataDir?: string;
  env?: NodeJS.ProcessEnv;
}

/**
 * The whole development seed: the real catalog, then the demo accounts. Everything is
 * validated (data files and demo passwords) before the first write.
 */
export async function seedDatabase(prisma: PrismaClient, options: SeedOptions = {}): Promise<SeedSummary> {
  const env = options.env ?? process.env;
  const demoUsers = demoUsersFromEnv(env);
  const catalog = await loadCatalog(options.dataDir ?? (env.SEED_DATA_DIR || DEFAULT_DATA_DIR));
  const catalogSummary = await upsertCatalog(prisma, catalog);
  return {
    files: catalog.files,
    catalog: catalogSummary,
    demoUsers: await ensureDemoUsers(prisma, demoUsers),
  };
}

export function formatSeedSummary(summary: SeedSummary): string {
  const { categories, authors, books, searchDocumentsRefreshed } = summary.catalog;
  const counts = (c: { created: number; updated: number }) => `${c.created} created, ${c.updated} updated`;
  return [
    `files:       categories.json, ${summary.files.join(', ') || '(no books-*.json)'}`,
    `categories:  ${counts(categories)}`,
    `authors:     ${counts(authors)}`,
    `books:       ${books.total} in the catalog (${counts(books)}, stock left as it was on updates)`,
    `search docs: ${searchDocumentsRefreshed} refreshed`,
    `demo users:  ${summary.demoUsers.created.length ? `created ${summary.demoUsers.created.join(', ')}` : 'none created'}` +
      (summary.demoUsers.existing.length ? `, kept ${summary.demoUsers.existing.join(', ')}` : ''),
  ].join('\n');
}
