// Everything the native stack needs before a service can start: packages, PostgreSQL and
// Redis running, the database created and migrated, demo data, compiled services.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { logLine, runStep } from './children.mjs';

/**
 * Same rule as .ci/prisma-engine.sh: machines that cannot download Prisma's native schema
 * engine keep a stand-in beside the checkout; use it only when the variable is unset.
 */
export function prismaEngineEnv(repoRoot, env = process.env) {
  if (env.PRISMA_SCHEMA_ENGINE_BINARY) return {};
  const candidate = path.resolve(repoRoot, '..', 'shared', 'prisma-engine', 'schema-engine.mjs');
  return existsSync(candidate) ? { PRISMA_SCHEMA_ENGINE_BINARY: candidate } : {};
}

function quoteIdent(name) {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * Creates the database named in `databaseUrl` when it is missing, connecting to the server's
 * `postgres` database with the same credentials. A failure here is only logged: Prisma's
 * `migrate deploy` also creates a missing database, and says clearly why when it cannot.
 */
async function ensureDatabase(repoRoot, databaseUrl) {
  const require = createRequire(path.join(repoRoot, 'backend-rds', 'package.json'));
  const { Client } = require('pg');
  const target = new URL(databaseUrl);
  const databaseName = decodeURIComponent(target.pathname.slice(1));
  const adminUrl = new URL(databaseUrl);
  adminUrl.pathname = '/postgres';
  const client = new Client({ connectionString: adminUrl.toString() });
  try {
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [databaseName]);
    if (rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdent(databaseName)}`);
      logLine('stack', `created database ${databaseName}`);
    }
  } catch (err) {
    logLine('stack', `could not check/create database ${databaseName} (${err.message}); migrate will try`);
  } finally {
    await client.end().catch(() => {});
  }
}

/**
 * Runs the preparation steps in order. `env` is the environment the services will get
 * (DATABASE_URL in particular); steps inherit it.
 */
export async function prepareStack({ repoRoot, env, skipInstall = false, skipBuild = false }) {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  if (!skipInstall) {
    await runStep({ name: 'install', command: 'bash', args: ['.ci/install.sh'], cwd: repoRoot, env });
  }
  await runStep({ name: 'services', command: 'bash', args: ['.ci/ensure-services.sh'], cwd: repoRoot, env });

  await ensureDatabase(repoRoot, env.DATABASE_URL);
  // The CLI itself (not the backend-rds npm script): this works whatever wraps it.
  const prismaCli = path.join(repoRoot, 'node_modules', 'prisma', 'build', 'index.js');
  await runStep({
    name: 'migrate',
    command: process.execPath,
    args: [prismaCli, 'migrate', 'deploy'],
    cwd: path.join(repoRoot, 'backend-rds'),
    env,
  });

  await runStep({ name: 'seed', command: npm, args: ['run', '--silent', 'db:seed', '-w', 'backend-rds'], cwd: repoRoot, env });

  if (!skipBuild) {
    await runStep({ name: 'build', command: npm, args: ['run', '--silent', 'build'], cwd: repoRoot, env });
  }
}
