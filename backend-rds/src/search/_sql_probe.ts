import { Prisma } from '../generated/prisma/client';
import { queryWords } from './query-text';
import * as q from './queries';
// capture the Sql by faking a client
const fake = { $queryRaw: (strings: TemplateStringsArray, ...values: unknown[]) => new Prisma.Sql(strings, values) } as never;
const sql = q.searchBooks(fake, queryWords(process.argv[2]), { limit: 20, offset: 0 }) as unknown as Prisma.Sql;
let text = sql.sql;
sql.values.forEach((v, i) => { text = text.replace('?', typeof v === 'number' ? String(v) : `'${String(v).replace(/'/g, "''")}'`); });
console.log(text);
