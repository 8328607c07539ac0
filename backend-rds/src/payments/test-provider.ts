import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { cardDigits, cardLast4, detectCardBrand, isCardExpired, isLuhnValid } from './card';
import {
  PaymentDeclinedError,
  PaymentUnavailableError,
  type ChargeRequest,
  type ChargeResult,
  type FoundCharge,
  type PaymentProvider,
} from './provider';
import { memorySandboxLedger, type SandboxLedger } from './sandbox-ledger';

/**
 * A card sandbox in the style of Stripe's test mode, so checkout can be exercised end to end
 * without a real provider:
 *
 * | card number           | outcome                                                    |
 * |-----------------------|------------------------------------------------------------|
 * | 4242 4242 4242 4242   | succeeds (visa)                                            |
 * | 4000 0000 0000 0002   | declined, code card_declined                               |
 * | 4000 0000 0000 9995   | declined, code insufficient_funds                          |
 * | 4000 0000 0000 0119   | PaymentUnavailableError on every attempt (provider outage) |
 * | any other Luhn-valid  | succeeds (brand: visa, mastercard, amex or unknown)        |
 * | fails the Luhn check  | declined, code incorrect_number                            |
 * | expiry in the past    | declined, code expired_card                                |
 *
 * Like a real provider it remembers its charges (the ledger: `sandbox_charges` in the
 * server), makes one charge per idempotency key (a retry gets the same charge back) and
 * answers findCharge by that key. Each call takes `latencyMs` ± `jitterMs`: half of it on the
 * way in, then the charge is recorded, half on the way back, so a process killed mid-call
 * leaves either no charge or a charge its order does not know about yet. Card numbers are
 * never kept: only brand and last 4 leave this class.
 */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  unavailable: '4000000000000119',
} as const;

const DECLINES = new Map<string, string>([
  [TEST_CARDS.declined, 'card_declined'],
  [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
]);

export interface SandboxOptions {
  /** Default: an in-memory ledger (forgotten on restart). */
  ledger?: SandboxLedger;
  clock?: () => Date;
  /** PAYMENT_SANDBOX_LATENCY_MS and PAYMENT_SANDBOX_JITTER_MS; 0 unless set. */
  latencyMs?: number;
  jitterMs?: number;
}

export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  private readonly ledger: SandboxLedger;
  private readonly clock: () => Date;
  private readonly latencyMs: number;
  private readonly jitterMs: number;
  private inFlight = 0;
  private peakInFlight = 0;

  constructor(options: SandboxOptions = {}) {
    this.ledger = options.ledger ?? memorySandboxLedger();
    this.clock = options.clock ?? (() => new Date());
    this.latencyMs = options.latencyMs ?? 0;
    this.jitterMs = options.jitterMs ?? 0;
  }

  /** Charges being answered right now, and the most there ever were at once. */
  get chargesInFlight(): number {
    return this.inFlight;
  }

  get peakChargesInFlight(): number {
    return this.peakInFlight;
  }

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    this.inFlight += 1;
    this.peakInFlight = Math.max(this.peakInFlight, this.inFlight);
    try {
      const delayMs = this.callDelayMs();
      const wayIn = Math.floor(delayMs / 2);
      if (wayIn > 0) await sleep(wayIn);
      // An outcome, not a throw yet: a decline travels back as slowly as a success.
      const outcome = await this.decide(request).catch((err: unknown) => err as Error);
      if (delayMs - wayIn > 0) await sleep(delayMs - wayIn);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    } finally {
      this.inFlight -= 1;
    }
  }

  async findCharge(idempotencyKey: string): Promise<FoundCharge | null> {
    const found = await this.ledger.find(idempotencyKey);
    if (!found) return null;
    const { reference, amountCents, currency, cardBrand, cardLast4 } = found;
    return { reference, amountCents, currency, cardBrand, cardLast4 };
  }

  /** Refunds part or all of a charge this sandbox made; never more than was charged. */
  async refund(reference: string, amountCents: number): Promise<void> {
    if (!reference.startsWith('test_ch_')) throw new Error(`Unknown charge ${reference}`);
    if (!Number.isInteger(amountCents) || amountCents < 0) throw new Error('Invalid refund amount');
    await this.ledger.refund(reference, amountCents);
  }

  private callDelayMs(): number {
    if (this.jitterMs === 0) return this.latencyMs;
    return Math.max(0, Math.round(this.latencyMs + (Math.random() * 2 - 1) * this.jitterMs));
  }

  private async decide(request: ChargeRequest): Promise<ChargeResult> {
    const digits = cardDigits(request.card.number);
    if (digits === TEST_CARDS.unavailable) throw new PaymentUnavailableError();
    if (!isLuhnValid(digits)) {
      throw new PaymentDeclinedError('incorrect_number', 'The card number is incorrect');
    }
    if (isCardExpired(request.card.expMonth, request.card.expYear, this.clock())) {
      throw new PaymentDeclinedError('expired_card', 'The card has expired');
    }
    const declineCode = DECLINES.get(digits);
    if (declineCode) throw new PaymentDeclinedError(declineCode);
    if (!Number.isInteger(request.amountCents) || request.amountCents < 0) {
      throw new PaymentDeclinedError('invalid_amount', 'The amount is not a whole number of cents');
    }

    const last4 = cardLast4(digits);
    const cardBrand = detectCardBrand(digits);
    const reference = `test_ch_${createHash('sha256')
      .update([request.idempotencyKey, request.amountCents, request.currency, last4].join('|'))
      .digest('hex')
      .slice(0, 24)}`;
    const recorded = await this.ledger.record({
      idempotencyKey: request.idempotencyKey,
      reference,
      amountCents: request.amountCents,
      currency: request.currency,
      cardBrand,
      cardLast4: last4,
    });
    // A provider refuses a key reused for another charge rather than charge twice.
    if (recorded.reference !== reference) {
      throw new Error(`Idempotency key ${request.idempotencyKey} was already used for a different charge`);
    }
    return { reference, cardBrand, cardLast4: last4 };
  }
}
