import type { Prisma } from '../db/client';

type Tx = Prisma.TransactionClient;

export interface OrderLine {
  bookId: number;
  quantity: number;
}

export interface TakenLine extends OrderLine {
  title: string;
  unitPriceCents: number;
  currency: string;
  stockAfter: number;
}

/** Lines by book id: every transaction locks book rows in the same order, so none deadlock. */
function byBookId<T extends OrderLine>(lines: readonly T[]): T[] {
  return [...lines].sort((a, b) => a.bookId - b.bookId);
}

/**
 * Takes stock for each line with one conditional UPDATE per book. Under READ COMMITTED a
 * concurrent buyer waits for the row lock, then PostgreSQL re-checks `stock >= quantity`
 * against the committed row, so stock can never be oversold. Returns the price and title as
 * they are now (the order's snapshot) and the lines that could not be taken.
 */
export async function takeStock(
  tx: Tx,
  lines: readonly OrderLine[],
): Promise<{ taken: TakenLine[]; shortfalls: OrderLine[] }> {
  const taken: TakenLine[] = [];
  const shortfalls: OrderLine[] = [];
  for (const line of byBookId(lines)) {
    const rows = await tx.$queryRaw<
      { title: string; unitPriceCents: number; currency: string; stockAfter: number }[]
    >`
      UPDATE books
      SET stock = stock - ${line.quantity}, units_sold = units_sold + ${line.quantity}, updated_at = now()
      WHERE id = ${line.bookId} AND stock >= ${line.quantity} AND archived_at IS NULL
      RETURNING title, price_cents AS "unitPriceCents", currency, stock AS "stockAfter"`;
    const row = rows[0];
    if (row) taken.push({ ...line, ...row });
    else shortfalls.push(line);
  }
  return { taken, shortfalls };
}

/** Puts a cancelled order's stock back and takes its units out of the sales count. */
export async function restoreStock(
  tx: Tx,
  lines: readonly OrderLine[],
): Promise<(OrderLine & { stockAfter: number })[]> {
  const restored: (OrderLine & { stockAfter: number })[] = [];
  for (const line of byBookId(lines)) {
    const rows = await tx.$queryRaw<{ stockAfter: number }[]>`
      UPDATE books
      SET stock = stock + ${line.quantity},
          units_sold = GREATEST(units_sold - ${line.quantity}, 0),
          updated_at = now()
      WHERE id = ${line.bookId}
      RETURNING stock AS "stockAfter"`;
    const row = rows[0];
    if (row) restored.push({ ...line, stockAfter: row.stockAfter });
  }
  return restored;
}

export function recordStockChanges(
  tx: Tx,
  orderId: number,
  actorUserId: number,
  reason: 'order_placed' | 'order_cancelled',
  lines: readonly (OrderLine & { stockAfter: number })[],
) {
  return tx.stockAdjustment.createMany({
    data: lines.map((line) => ({
      bookId: line.bookId,
      delta: reason === 'order_placed' ? -line.quantity : line.quantity,
      reason,
      stockAfter: line.stockAfter,
      orderId,
      actorUserId,
    })),
  });
}
