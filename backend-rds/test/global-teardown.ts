import { TEST_DB_PREFIX, quoteIdent, withAdmin } from './postgres-admin';

/** Drops every database this run made, the template last. */
export default async function globalTeardown(): Promise<void> {
  const runId = process.env.BOOKSTORE_TEST_RUN;
  if (!runId) return;
  await withAdmin(async (admin) => {
    const { rows } = await admin.query<{ datname: string }>(
      'SELECT datname FROM pg_database WHERE datname LIKE $1 ORDER BY datname LIKE $2',
      [`${TEST_DB_PREFIX}${runId}_%`, '%_template'],
    );
    for (const { datname } of rows) {
      await admin.query(`DROP DATABASE IF EXISTS ${quoteIdent(datname)} WITH (FORCE)`);
    }
  });
}
