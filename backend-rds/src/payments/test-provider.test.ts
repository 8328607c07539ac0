import { createTestDatabase, type TestDatabase } from '../../test/database';
import { PaymentDeclinedError, PaymentUnavailableError, type ChargeRequest } from './provider';
import { postgresSandboxLedger } from './sandbox-ledger';
import { TEST_CARDS, TestPaymentProvider, type SandboxOptions } from './test-provider';

const clock = () => new Date('2026-11-22T00:00:00Z');
let db: TestDatabase;
let provider: TestPaymentProvider;
const sandbox = (options: Omit<SandboxOptions, 'ledger'> = {}) =>
  new TestPaymentProvider({ clock, ...options, ledger: postgresSandboxLedger(db.prisma) });

beforeAll(async () => {
  db = await createTestDatabase();
  provider = sandbox();
});
afterAll(() => db.drop());

let keys = 0;
const request = (number: string, overrides: Partial<ChargeRequest> = {}): ChargeRequest => ({
  amountCents: 2_500,
  currency: 'USD',
  card: { number, expMonth: 12, expYear: 2028, cvc: '123' },
  idempotencyKey: `order-${(keys += 1)}`,
  description: 'test',
  ...overrides,
});

describe('TestPaymentProvider.charge', () => {
  test('4242… succeeds with brand, last 4 and a reference; the same key gives the same charge, once', async () => {
    const first = await provider.charge(request('4242 4242 4242 4242', { idempotencyKey: 'order-same' }));
    expect(first).toEqual({ reference: expect.stringMatching(/^test_ch_[0-9a-f]{24}$/), cardBrand: 'visa', cardLast4: '4242' });
    expect(await provider.charge(request(TEST_CARDS.success, { idempotencyKey: 'order-same' }))).toEqual(first);
    expect(await db.prisma.sandboxCharge.count({ where: { idempotencyKey: 'order-same' } })).toBe(1);
    const other = await provider.charge(request(TEST_CARDS.success));
    expect(other.reference).not.toBe(first.reference);
  });

  test('a key reused for a different amount is refused, not charged twice', async () => {
    await provider.charge(request(TEST_CARDS.success, { idempotencyKey: 'order-reused' }));
    await expect(
      provider.charge(request(TEST_CARDS.success, { idempotencyKey: 'order-reused', amountCents: 9_999 })),
    ).rejects.toThrow(/already used/);
    const charge = await db.prisma.sandboxCharge.findUniqueOrThrow({ where: { idempotencyKey: 'order-reused' } });
    expect(charge.amountCents).toBe(2_500);
  });

  test.each([
    [TEST_CARDS.declined, 'card_declined'],
    [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    ['4242424242424241', 'incorrect_number'],
  ])('%s is declined with %s and leaves no charge', async (number, declineCode) => {
    const declined = request(number);
    await expect(provider.charge(declined)).rejects.toMatchObject({ declineCode });
    await expect(provider.charge(declined)).rejects.toBeInstanceOf(PaymentDeclinedError);
    expect(await provider.findCharge(declined.idempotencyKey)).toBeNull();
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

describe('TestPaymentProvider latency', () => {
  test('the charge is on record halfway through the call, before the answer comes back', async () => {
    const slow = sandbox({ latencyMs: 400 });
    const charging = request(TEST_CARDS.success);
    let answered = false;
    const call = slow.charge(charging).then((result) => {
      answered = true;
      return result;
    });
    let found = await slow.findCharge(charging.idempotencyKey);
    while (!found) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      found = await slow.findCharge(charging.idempotencyKey);
    }
    expect(answered).toBe(false);
    expect(slow.chargesInFlight).toBe(1);
    expect((await call).reference).toBe(found.reference);
    expect(slow.chargesInFlight).toBe(0);
  });

  test('it records how many charges were in flight at once', async () => {
    const slow = sandbox({ latencyMs: 100, jitterMs: 50 });
    await Promise.all(Array.from({ length: 5 }, () => slow.charge(request(TEST_CARDS.success))));
    expect(slow.peakChargesInFlight).toBe(5);
    expect(slow.chargesInFlight).toBe(0);
  });
});

describe('TestPaymentProvider.findCharge', () => {
  test('finds a charge by its idempotency key from another instance (a restarted process)', async () => {
    const charged = request(TEST_CARDS.success, { amountCents: 1_234 });
    const { reference } = await provider.charge(charged);
    const restarted = sandbox();
    expect(await restarted.findCharge(charged.idempotencyKey)).toEqual({
      reference,
      amountCents: 1_234,
      currency: 'USD',
      cardBrand: 'visa',
      cardLast4: '4242',
    });
    expect(await restarted.findCharge('order-never-charged')).toBeNull();
  });
});

describe('TestPaymentProvider.refund', () => {
  test('refunds up to the charged amount, not beyond, across instances', async () => {
    const { reference } = await provider.charge(request(TEST_CARDS.success));
    await expect(provider.refund(reference, 1_000)).resolves.toBeUndefined();
    await expect(sandbox().refund(reference, 1_500)).resolves.toBeUndefined();
    await expect(provider.refund(reference, 1)).rejects.toThrow(/exceeds/);
    const charge = await db.prisma.sandboxCharge.findUniqueOrThrow({ where: { reference } });
    expect(charge.refundedCents).toBe(2_500);
  });

  test('refuses references that are not its own', async () => {
    await expect(provider.refund('ch_live_123', 100)).rejects.toThrow(/Unknown charge/);
    await expect(provider.refund('test_ch_000000000000000000000000', 100)).rejects.toThrow(/Unknown charge/);
  });
});
