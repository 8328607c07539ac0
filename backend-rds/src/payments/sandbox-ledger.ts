import type { PrismaClient } from '../db/client';
import { Prisma } from '../generated/prisma/client';

/** One charge as the sandbox remembers it. */
export interface SandboxChargeRecord {
  idempotencyKey: string;
  reference: string;
  amountCents: number;
  currency: string;
  cardBrand: string;
  cardLast4: string;
  refundedCents: number;
}

export type NewSandboxCharge = Omit<SandboxChargeRecord, 'refundedCents'>;

/**
 * What the sandbox remembers of its charges, as a real provider does: one charge per
 * idempotency key, found again by that key, refunded at most in full.
 */
export interface SandboxLedger {
  /** Records the charge, or returns the one already made with its idempotency key. */
  record(charge: NewSandboxCharge): Promise<SandboxChargeRecord>;
  find(idempotencyKey: string): Promise<SandboxChargeRecord | null>;
  /** Adds a refund; throws for an unknown reference or more than was charged. */
  refund(reference: string, amountCents: number): Promise<void>;
}

/**
 * Records a charge, or returns the one its idempotency key already made: DO UPDATE (a no-op
 * change) rather than DO NOTHING so the row comes back either way, after waiting for a
 * concurrent charge with the same key to commit.
 */
export function recordChargeStatement(charge: NewSandboxCharge): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO sandbox_charges (idempotency_key, reference, amount_cents, currency, card_brand, card_last4)
    VALUES (${charge.idempotencyKey}, ${charge.reference}, ${charge.amountCents}::int, ${charge.currency},
            ${charge.cardBrand}, ${charge.cardLast4})
    ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key
    RETURNING idempotency_key AS "idempotencyKey", reference, amount_cents AS "amountCents", currency,
              card_brand AS "cardBrand", card_last4 AS "cardLast4", refunded_cents AS "refundedCents"`;
}

/**
 * The durable ledger: the `sandbox_charges` table, written by its own statement outside any
 * order transaction, so a charge outlives a process killed before it marked the order paid.
 * It shares the shop's PostgreSQL for convenience only; nothing else reads the table.
 */
export function postgresSandboxLedger(db: PrismaClient): SandboxLedger {
  return {
    async record(charge) {
      const [row] = await db.$queryRaw<SandboxChargeRecord[]>(recordChargeStatement(charge));
      if (!row) throw new Error('the sandbox ledger returned no charge');
      return row;
    },

    async find(idempotencyKey) {
      const row = await db.sandboxCharge.findUnique({ where: { idempotencyKey } });
      return row && {
        idempotencyKey: row.idempotencyKey,
        reference: row.reference,
        amountCents: row.amountCents,
        currency: row.currency,
        cardBrand: row.cardBrand,
        cardLast4: row.cardLast4,
        refundedCents: row.refundedCents,
      };
    },

    async refund(reference, amountCents) {
      const updated = await db.$executeRaw`
        UPDATE sandbox_charges SET refunded_cents = refunded_cents + ${amountCents}::int
        WHERE reference = ${reference} AND refunded_cents + ${amountCents}::int <= amount_cents`;
      if (updated === 1) return;
      const charge = await db.sandboxCharge.findUnique({ where: { reference } });
      if (!charge) throw new Error(`Unknown charge ${reference}`);
      throw new Error(
        `Refund of ${charge.refundedCents + amountCents} cents exceeds the ${charge.amountCents} cents charged`,
      );
    },
  };
}

/**
 * A ledger that forgets on restart, for an app built without its database at hand (a test
 * of something else). The server and the order tests use the durable one.
 */
export function memorySandboxLedger(): SandboxLedger {
  const byKey = new Map<string, SandboxChargeRecord>();
  const byReference = new Map<string, SandboxChargeRecord>();
  return {
    async record(charge) {
      const existing = byKey.get(charge.idempotencyKey);
      if (existing) return { ...existing };
      const created = { ...charge, refundedCents: 0 };
      byKey.set(charge.idempotencyKey, created);
      byReference.set(charge.reference, created);
      return { ...created };
    },
    async find(idempotencyKey) {
      const found = byKey.get(idempotencyKey);
      return found ? { ...found } : null;
    },
    async refund(reference, amountCents) {
      const charge = byReference.get(reference);
      if (!charge) throw new Error(`Unknown charge ${reference}`);
      const refunded = charge.refundedCents + amountCents;
      if (refunded > charge.amountCents) {
        throw new Error(`Refund of ${refunded} cents exceeds the ${charge.amountCents} cents charged`);
      }
      charge.refundedCents = refunded;
    },
  };
}
