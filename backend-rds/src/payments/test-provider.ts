import { createHash } from 'node:crypto';
import { cardDigits, cardLast4, detectCardBrand, isCardExpired, isLuhnValid } from './card';
import {
  PaymentDeclinedError,
  PaymentUnavailableError,
  type ChargeRequest,
  type ChargeResult,
  type PaymentProvider,
} from './provider';

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
 * References are deterministic (same idempotency key, amount, currency and card → same
 * reference), the way a real provider deduplicates a retried charge. Card numbers are never
 * kept: only brand and last 4 leave this class.
 */
export const TEST_CARDS = {
  success: '4242424242424242',
  declined: '4000000000000002',
  insufficientFunds: '4000000000009995',
  unavailable: '4000000000000119',
} as const;

const DECLINES: Record<string, string> = {
  [TEST_CARDS.declined]: 'card_declined',
  [TEST_CARDS.insufficientFunds]: 'insufficient_funds',
};

export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  /** Amounts charged through this instance, by reference, to refuse over-refunds. */
  private readonly chargedCents = new Map<string, number>();
  private readonly refundedCents = new Map<string, number>();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async charge(request: ChargeRequest): Promise<ChargeResult> {
    const digits = cardDigits(request.card.number);
    if (digits === TEST_CARDS.unavailable) throw new PaymentUnavailableError();
    if (!isLuhnValid(digits)) {
      throw new PaymentDeclinedError('incorrect_number', 'The card number is incorrect');
    }
    if (isCardExpired(request.card.expMonth, request.card.expYear, this.clock())) {
      throw new PaymentDeclinedError('expired_card', 'The card has expired');
    }
    const declineCode = DECLINES[digits];
    if (declineCode) throw new PaymentDeclinedError(declineCode);
    if (!Number.isInteger(request.amountCents) || request.amountCents < 0) {
      throw new PaymentDeclinedError('invalid_amount', 'The amount is not a whole number of cents');
    }

    const last4 = cardLast4(digits);
    const reference = `test_ch_${createHash('sha256')
      .update([request.idempotencyKey, request.amountCents, request.currency, last4].join('|'))
      .digest('hex')
      .slice(0, 24)}`;
    this.chargedCents.set(reference, request.amountCents);
    return { reference, cardBrand: detectCardBrand(digits), cardLast4: last4 };
  }

  /**
   * Refunds part or all of a charge. References from another process (this sandbox keeps
   * no storage) are accepted, as a provider's own records would accept them.
   */
  async refund(reference: string, amountCents: number): Promise<void> {
    if (!reference.startsWith('test_ch_')) throw new Error(`Unknown charge ${reference}`);
    if (!Number.isInteger(amountCents) || amountCents < 0) throw new Error('Invalid refund amount');
    const charged = this.chargedCents.get(reference);
    const refunded = (this.refundedCents.get(reference) ?? 0) + amountCents;
    if (charged !== undefined && refunded > charged) {
      throw new Error(`Refund of ${refunded} cents exceeds the ${charged} cents charged`);
    }
    this.refundedCents.set(reference, refunded);
  }
}
