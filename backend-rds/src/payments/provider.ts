/**
 * What the order service needs from a payment provider. The shop ships a sandbox
 * (test-provider.ts); a real one (Stripe, Adyen) implements the same interface.
 */
export interface CardDetails {
  number: string;
  expMonth: number;
  expYear: number;
  cvc: string;
}

export interface ChargeRequest {
  amountCents: number;
  currency: string;
  card: CardDetails;
  /** Lets the provider deduplicate a charge retried after a timeout. */
  idempotencyKey: string;
  description: string;
}

export interface ChargeResult {
  reference: string;
  cardBrand: string;
  cardLast4: string;
}

/** A charge the provider made, as its records show it. */
export interface FoundCharge extends ChargeResult {
  amountCents: number;
  currency: string;
}

/** The card was refused: final, retrying will not help. */
export class PaymentDeclinedError extends Error {
  constructor(readonly declineCode: string, message = 'The card was declined') {
    super(message);
    this.name = 'PaymentDeclinedError';
  }
}

/** The provider could not answer (network, outage): the same charge may succeed later. */
export class PaymentUnavailableError extends Error {
  constructor(message = 'The payment provider is unavailable') {
    super(message);
    this.name = 'PaymentUnavailableError';
  }
}

export interface PaymentProvider {
  readonly name: string;
  charge(request: ChargeRequest): Promise<ChargeResult>;
  /**
   * The charge made with this idempotency key, or null when none was made: how settlement
   * learns the fate of a checkout the process did not live to finish. Throws
   * PaymentUnavailableError when the provider cannot answer now.
   */
  findCharge(idempotencyKey: string): Promise<FoundCharge | null>;
  refund(reference: string, amountCents: number): Promise<void>;
}
