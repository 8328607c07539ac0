import { Client } from 'pg';

/** The server tests run against: trust auth as `postgres` on this machine and in CI. */
export const ADMIN_URL =
  process.env.TEST_DATABASE_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

export const TEST_DB_PREFIX = 'bookstore_test_';

export function databaseUrl(name: string): string {
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withAdmin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Names only ever come from this code (prefix + digits/letters), never from input. */
export const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;
