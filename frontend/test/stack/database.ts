import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { runToEnd } from './processes';

export const REPO_ROOT = path.resolve(__dirname, '..', '..', '..');
const BACKEND_RDS = path.join(REPO_ROOT, 'backend-rds');
// pg is backend-rds' dependency; the frontend never talks to PostgreSQL itself.
const requireFromRds = createRequire(path.join(BACKEND_RDS, 'package.json'));

export const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
export const FRONTEND_TEST_DB_PREFIX = 'bookstore_fe_test_';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

export async function withAdmin<T>(work: (query: (sql: string, params?: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>) => Promise<T>): Promise<T> {
  const { Client } = requireFromRds('pg') as typeof import('pg');
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work((sql, params) => client.query(sql, params));
  } finally {
    await client.end();
  }
}

/** The environment Prisma's CLI runs in: PRISMA_SCHEMA_ENGINE_BINARY is honoured when set, as .ci/prisma-engine.sh does. */
export function prismaEnv(url: string): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url };
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY) {
    const standIn = path.resolve(REPO_ROOT, '..', 'shared', 'prisma-engine', 'schema-engine.mjs');
    if (existsSync(standIn)) env.PRISMA_SCHEMA_ENGINE_BINARY = standIn;
  }
  return env;
}

/** Creates a database, applies every migration with Prisma's CLI and loads the real catalog. */
export async function createSeededDatabase(name: string): Promise<string> {
  await withAdmin((query) => query(`CREATE DATABASE ${quoteIdent(name)}`));
  const url = databaseUrl(name);
  const env = prismaEnv(url);
  const prismaCli = requireFromRds.resolve('prisma/build/index.js');
  await runToEnd(process.execPath, [prismaCli, 'migrate', 'deploy'], BACKEND_RDS, env);
  // What `npm run db:seed -w backend-rds` runs, without npm's own start-up.
  const tsxCli = requireFromRds.resolve('tsx/cli');
  await runToEnd(process.execPath, [tsxCli, 'prisma/seed.ts'], BACKEND_RDS, { ...env, NODE_ENV: 'development' });
  return url;
}

export async function dropDatabase(name: string): Promise<void> {
  await withAdmin((query) => query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Databases of crashed runs, older than three hours, are dropped by the next run. */
export async function dropAbandonedDatabases(nowSeconds: number): Promise<void> {
  await withAdmin(async (query) => {
    const { rows } = await query('SELECT datname FROM pg_database WHERE datname LIKE $1', [`${FRONTEND_TEST_DB_PREFIX}%`]);
    for (const row of rows) {
      const name = String(row.datname);
      const createdAt = Number(name.slice(FRONTEND_TEST_DB_PREFIX.length).split('_')[0]);
      if (createdAt && nowSeconds - createdAt > 3 * 3600) {
        await query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
      }
    }
  });
}
