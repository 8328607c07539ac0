import { chargeWithRetry } from './charge-with-retry';
import { PaymentDeclinedError, PaymentUnavailableError, type PaymentProvider } from './provider';

const request = {
  amountCents: 100,
  currency: 'USD',
  card: { number: '4242424242424242', expMonth: 1, expYear: 2100, cvc: '123' },
  idempotencyKey: 'order-9',
  description: 'test',
};
const success = { reference: 'test_ch_x', cardBrand: 'visa', cardLast4: '4242' };

function providerFailing(...failures: Error[]): PaymentProvider & { charge: jest.Mock } {
  const charge = jest.fn();
  for (const failure of failures) charge.mockRejectedValueOnce(failure);
  charge.mockResolvedValue(success);
  return { name: 'fake', charge, findCharge: jest.fn(), refund: jest.fn() };
}

test('retries an unavailable provider with the same idempotency key, then succeeds', async () => {
  const provider = providerFailing(new PaymentUnavailableError(), new PaymentUnavailableError());
  await expect(chargeWithRetry(provider, request, [0, 0])).resolves.toEqual(success);
  expect(provider.charge).toHaveBeenCalledTimes(3);
  expect(provider.charge.mock.calls.map(([r]) => r.idempotencyKey)).toEqual(['order-9', 'order-9', 'order-9']);
});

test('gives up after two retries', async () => {
  const provider = providerFailing(...Array.from({ length: 3 }, () => new PaymentUnavailableError()));
  await expect(chargeWithRetry(provider, request, [0, 0])).rejects.toBeInstanceOf(PaymentUnavailableError);
  expect(provider.charge).toHaveBeenCalledTimes(3);
});

test('never retries a decline', async () => {
  const provider = providerFailing(new PaymentDeclinedError('card_declined'));
  await expect(chargeWithRetry(provider, request, [0, 0])).rejects.toBeInstanceOf(PaymentDeclinedError);
  expect(provider.charge).toHaveBeenCalledTimes(1);
});
