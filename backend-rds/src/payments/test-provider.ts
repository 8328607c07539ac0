import type { ChargeRequest, ChargeResult, PaymentProvider } from './provider';

// Placeholder: the payments feature replaces this with the card sandbox.
export class TestPaymentProvider implements PaymentProvider {
  readonly name = 'test';
  charge(_request: ChargeRequest): Promise<ChargeResult> {
    throw new Error('not implemented');
  }
  refund(_reference: string, _amountCents: number): Promise<void> {
    throw new Error('not implemented');
  }
}
