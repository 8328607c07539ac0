import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { TEST_DB_PREFIX, databaseUrl, quoteIdent, withAdmin } from './postgres-admin';

// A crashed run can leave databases behind; names carry their creation time so later runs
// can clear what is clearly abandoned without touching a run in progress.
const ABANDONED_AFTER_SECONDS = 3 * 60 * 60;

/**
 * Once per `jest` run: make a template database with every migration applied. Each test
 * file then clones it (CREATE DATABASE … TEMPLATE, a file copy) into a database of its own.
 */
export default async function globalSetup(): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const runId = `${now}_${randomBytes(3).toString('hex')}`;
  const template = `${TEST_DB_PREFIX}${runId}_template`;

  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1',
      [`${TEST_DB_PREFIX}%`],
    );
    for (const { datname } of rows) {
      const createdAt = Number(datname.slice(TEST_DB_PREFIX.length).split('_')[0]);
      if (createdAt && now - createdAt > ABANDONED_AFTER_SECONDS) {
        await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
      }
    }
    await admin.query(`CREATE DATABASE ${quoteIdent(template)}`);
  });

  const prismaCli = require.resolve('prisma/build/index.js');
  execFileSync(process.execPath, [prismaCli, 'migrate', 'deploy'], {
    cwd: path.join(__dirname, '..'),
    env: { ...process.env, DATABASE_URL: databaseUrl(template) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

  process.env.BOOKSTORE_TEST_RUN = runId;
  process.env.BOOKSTORE_TEST_TEMPLATE = template;
}
