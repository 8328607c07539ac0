import { PaymentDeclinedError, PaymentUnavailableError, type ChargeRequest } from './provider';
import { TEST_CARDS, TestPaymentProvider } from './test-provider';

const clock = () => new Date('2026-11-22T00:00:00Z');
const provider = new TestPaymentProvider(clock);

const request = (number: string, overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountCents: 2_500,
  currency: 'USD',
  card: { number, expMonth: 12, expYear: 2028, cvc: '123' },
  idempotencyKey: 'order-1',
  description: 'test',
  ...overrides,
});

describe('TestPaymentProvider.charge', () => {
  test('4242… succeeds with brand, last 4 and a deterministic reference', async () => {
    const first = await provider.charge(request('4242 4242 4242 4242'));
    expect(first).toEqual({ reference: expect.stringMatching(/^test_ch_[0-9a-f]{24}$/), cardBrand: 'visa', cardLast4: '4242' });
    expect(await provider.charge(request(TEST_CARDS.success))).toEqual(first);
    const other = await provider.charge(request(TEST_CARDS.success, { idempotencyKey: 'order-2' }));
    expect(other.reference).not.toBe(first.reference);
  });

  test.each([
    [TEST_CARDS.declined, 'card_declined'],
    [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    ['4242424242424241', 'incorrect_number'],
  ])('%s is declined with %s', async (number, declineCode) => {
    await expect(provider.charge(request(number))).rejects.toMatchObject({ declineCode });
    await expect(provider.charge(request(number))).rejects.toBeInstanceOf(PaymentDeclinedError);
  });

  test('an expired card is declined by the sandbox too', async () => {
    const expired = request(TEST_CARDS.success, { card: { number: TEST_CARDS.success, expMonth: 10, expYear: 2026, cvc: '1' } });
    await expect(provider.charge(expired)).rejects.toMatchObject({ declineCode: 'expired_card' });
  });

  test('4000 0000 0000 0119 is unavailable every time', async () => {
    for (let attempt = 0; attempt < 3; attempt += 1) {
      await expect(provider.charge(request(TEST_CARDS.unavailable))).rejects.toBeInstanceOf(PaymentUnavailableError);
    }
  });

  test('other Luhn-valid cards succeed with their brand', async () => {
    expect(await provider.charge(request('5555555555554444'))).toMatchObject({ cardBrand: 'mastercard', cardLast4: '4444' });
    expect(await provider.charge(request('378282246310005'))).toMatchObject({ cardBrand: 'amex', cardLast4: '0005' });
  });
});

describe('TestPaymentProvider.refund', () => {
  test('refunds up to the charged amount, not beyond', async () => {
    const { reference } = await provider.charge(request(TEST_CARDS.success, { idempotencyKey: 'refund-me' }));
    await expect(provider.refund(reference, 1_000)).resolves.toBeUndefined();
    await expect(provider.refund(reference, 1_500)).resolves.toBeUndefined();
    await expect(provider.refund(reference, 1)).rejects.toThrow(/exceeds/);
  });

  test('refuses references that are not its own', async () => {
    await expect(provider.refund('ch_live_123', 100)).rejects.toThrow(/Unknown charge/);
  });
});
