import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Prisma } from '../src/db/client';
import { markOrderPaidStatement, reserveOrderStatement } from '../src/orders/queries';
import { recordChargeStatement } from '../src/payments/sandbox-ledger';

const run = promisify(execFile);
const PGBENCH_PATHS = ['/usr/lib/postgresql/15/bin/pgbench', '/usr/bin/pgbench'];

/** What PostgreSQL alone reaches on the checkout's own statements. */
export interface SqlRate {
  ordersPerSecond: number;
  clients: number;
  durationSeconds: number;
  failedTransactions: number;
}

export function findPgbench(): string | undefined {
  return PGBENCH_PATHS.find((candidate) => existsSync(candidate));
}

// Stand-ins for the values a pgbench script computes per transaction, found again by
// identity in the statements' parameters.
const USER = -1_000_001;
const KEY = '\u0000idempotency-key';
const ORDER_ID = -1_000_002;
const REFERENCE = '\u0000reference';
const CHARGE_KEY = '\u0000charge-key';

/**
 * The statements one checkout sends, in order, as the app builds them (src/orders/queries.ts
 * and the sandbox's ledger), turned into a pgbench script: the acting user's look-up, the
 * reserving statement (its order id kept with \aset), the wait for it to be on disk, the
 * sandbox recording the charge, the order marked paid. Each runs on its own, committed when
 * it ends, as in the app; one pgbench transaction is one order. `lines` gives the book ids
 * and quantities as pgbench expressions.
 */
function checkoutScript(lines: { bookId: string; quantity: string }[]): string {
  // Ascending, as the real ids are (line i draws from the i-th slice of the book list), so
  // the statement's sort by book id keeps the lines in this order.
  const bookIds = lines.map((_, i) => -1_000 + i);
  const quantities = lines.map((_, i) => -2_000 + i);
  const createdAt = new Date(0);
  const paidAt = new Date(1);
  const reserve = reserveOrderStatement({
    userId: USER,
    idempotencyKey: KEY,
    requestHash: 'b'.repeat(64),
    shippingAddress: { name: 'Bench Buyer', line1: '1 Load Street', city: 'Springfield', postalCode: '12345', country: 'US' },
    createdAt,
    lines: bookIds.map((bookId, i) => ({ bookId, quantity: quantities[i]! })),
  });
  const charge = recordChargeStatement({
    idempotencyKey: CHARGE_KEY,
    reference: REFERENCE,
    amountCents: 2_000,
    currency: 'USD',
    cardBrand: 'visa',
    cardLast4: '4242',
  });
  const paid = markOrderPaidStatement({
    orderId: ORDER_ID,
    paidAt,
    provider: 'test',
    providerReference: REFERENCE,
    cardBrand: 'visa',
    cardLast4: '4242',
  });
  const expressions = new Map<unknown, string>([
    [USER, '(:users::int[])[:u]'],
    [KEY, "('pgbench-' || :k)"],
    [ORDER_ID, ':orderId'],
    [REFERENCE, "('test_ch_pgbench_' || :k)"],
    [CHARGE_KEY, "('order-' || :orderId)"],
    [createdAt, 'now()'],
    [paidAt, 'now()'],
  ]);
  lines.forEach((line, i) => {
    expressions.set(bookIds[i], line.bookId);
    expressions.set(quantities[i], line.quantity);
  });
  const toScript = (statement: Prisma.Sql) =>
    statement.text.replace(/\$(\d+)/g, (_, n: string) => {
      const value = statement.values[Number(n) - 1];
      if (Array.isArray(value)) return `ARRAY[${value.map((element) => expressionFor(expressions, element)).join(', ')}]`;
      return expressionFor(expressions, value);
    });
  return [
    '\\set u random(1, :user_count)',
    '\\set k random(1, 9000000000000000000)',
    ...lines.flatMap((line, i) => (line.quantity.startsWith(':') ? [`\\set q${i + 1} random(1, 2)`] : [])),
    ...lines.flatMap((line, i) => (line.bookId.includes(`:i${i + 1}`) ? [pickIndex(i, lines.length)] : [])),
    // The acting user's role, as requireActingUser reads it (through Prisma) for every checkout.
    'SELECT id, role FROM users WHERE id = (:users::int[])[:u];',
    `${toScript(reserve)} \\aset`,
    `${toScript(charge)};`,
    `${toScript(paid)};`,
    '',
  ].join('\n');
}

/** Line i draws its book from the i-th slice of the list, so the books are distinct and in id order. */
function pickIndex(i: number, count: number): string {
  return `\\set i${i + 1} random(1 + ${i} * :book_count / ${count}, ${i + 1} * :book_count / ${count})`;
}

function expressionFor(expressions: Map<unknown, string>, value: unknown): string {
  return expressions.get(value) ?? literal(value);
}

function literal(value: unknown): string {
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'`;
  throw new Error(`no pgbench literal for ${String(value)}`);
}

/**
 * Runs the checkout statements through pgbench for `durationSeconds` with `clients`
 * connections: the general case (two books of the list, one or two copies each: the app's
 * orders average two lines of 1.5 copies) or, with `hotBookId`, one copy of one title.
 */
export async function measureCheckoutSql(options: {
  pgbench: string;
  databaseUrl: string;
  clients: number;
  durationSeconds: number;
  userIds: number[];
  bookIds: number[];
  hotBookId?: number;
}): Promise<SqlRate> {
  const lines = options.hotBookId
    ? [{ bookId: ':hot_book', quantity: '1' }]
    : [0, 1].map((i) => ({ bookId: `(:books::int[])[:i${i + 1}]`, quantity: `:q${i + 1}` }));
  const dir = mkdtempSync(path.join(tmpdir(), 'bookstore-pgbench-'));
  try {
    const script = path.join(dir, 'checkout.sql');
    writeFileSync(script, checkoutScript(lines));
    const sortedBooks = [...options.bookIds].sort((a, b) => a - b);
    const { stdout } = await run(
      options.pgbench,
      [
        '--no-vacuum',
        '--protocol=extended',
        `--client=${options.clients}`,
        '--jobs=2',
        `--time=${options.durationSeconds}`,
        `--file=${script}`,
        `--define=users={${options.userIds.join(',')}}`,
        `--define=user_count=${options.userIds.length}`,
        `--define=books={${sortedBooks.join(',')}}`,
        `--define=book_count=${sortedBooks.length}`,
        `--define=hot_book=${options.hotBookId ?? 0}`,
        options.databaseUrl,
      ],
      { maxBuffer: 16 * 1024 * 1024 },
    ).catch((err: { stderr?: string }) => {
      throw new Error(`pgbench failed: ${(err.stderr ?? '').split('\n').slice(0, 4).join('\n')}`);
    });
    const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout);
    if (!tps) throw new Error(`pgbench printed no rate:\n${stdout}`);
    const failed = /number of failed transactions: (\d+)/.exec(stdout);
    return {
      ordersPerSecond: Number(tps[1]),
      clients: options.clients,
      durationSeconds: options.durationSeconds,
      failedTransactions: failed ? Number(failed[1]) : 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
