import { buildTestApp, type TestApp } from '../../test/app';
import { PaymentUnavailableError, type FoundCharge } from '../payments/provider';
import { postgresSandboxLedger } from '../payments/sandbox-ledger';
import { TEST_CARDS, TestPaymentProvider } from '../payments/test-provider';
import { reserveOrder } from './queries';
import { orderRequestHash } from './request-hash';
import { placeOrderSchema } from './schema';
import { chargeKey, recordCharge, settleByLookup, type SettleDeps } from './settle-order';
import { settleStalePendingOrders } from './settle-pending';
import { createBook, createUser, orderBody } from './test-fixtures';

/** The sandbox, but its look-ups can be slowed down or made to fail. */
class LookupControlledProvider extends TestPaymentProvider {
  lookupDelayMs = 0;
  lookupFails = false;
  override async findCharge(idempotencyKey: string): Promise<FoundCharge | null> {
    if (this.lookupFails) throw new PaymentUnavailableError();
    if (this.lookupDelayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.lookupDelayMs));
    return super.findCharge(idempotencyKey);
  }
}

let t: TestApp;
let payments: LookupControlledProvider;
let deps: SettleDeps;
const HOUR_MS = 3_600_000;
beforeAll(async () => {
  t = await buildTestApp((db) => {
    payments = new LookupControlledProvider({ ledger: postgresSandboxLedger(db.prisma) });
    return { payments };
  });
  deps = { db: t.prisma, payments, clock: () => new Date(), logger: t.deps.logger, limit: (task) => task() };
});
afterAll(() => t.close());
afterEach(() => {
  payments.lookupDelayMs = 0;
  payments.lookupFails = false;
});

const parseOrder = placeOrderSchema(() => new Date());

/**
 * What a checkout leaves behind when its process is killed: the reserving statement ran (a
 * pending order, stock taken); with `charged`, the card was charged too, but the order never
 * marked paid. Aged past the settlement bound, as after a restart.
 */
async function strandedCheckout(options: { charged: boolean; quantity?: number; stock?: number }) {
  const user = await createUser(t.prisma);
  const book = await createBook(t.prisma, { stock: options.stock ?? 10, priceCents: 700 });
  const input = parseOrder.parse(orderBody([{ bookId: book.id, quantity: options.quantity ?? 2 }]));
  const reservation = await reserveOrder(t.prisma, {
    userId: user.id,
    idempotencyKey: input.idempotencyKey,
    requestHash: orderRequestHash({ ...input, userId: user.id }),
    shippingAddress: input.shippingAddress,
    createdAt: new Date(),
    lines: input.items,
  });
  const orderId = reservation.orderId!;
  if (options.charged) {
    await payments.charge({
      amountCents: 700 * (options.quantity ?? 2),
      currency: 'USD',
      card: { number: TEST_CARDS.success, expMonth: 12, expYear: 2099, cvc: '123' },
      idempotencyKey: chargeKey(orderId),
      description: 'stranded',
    });
  }
  await age(orderId);
  return { user, book, orderId, body: orderBody(input.items, { idempotencyKey: input.idempotencyKey }) };
}

const age = (orderId: number) =>
  t.prisma.$executeRaw`UPDATE orders SET updated_at = now() - interval '1 hour' WHERE id = ${orderId}::int`;
const orderOf = (orderId: number) =>
  t.prisma.order.findUniqueOrThrow({ where: { id: orderId }, include: { payments: true } });
const stockOf = async (bookId: number) => (await t.prisma.book.findUniqueOrThrow({ where: { id: bookId } })).stock;

test('charged before the crash → paid, with the charge as its payment; the stock stays sold', async () => {
  const { book, orderId } = await strandedCheckout({ charged: true });
  const round = await settleStalePendingOrders(deps, HOUR_MS / 2);
  expect(round).toMatchObject({ paid: 1, released: 0, unresolved: 0 });

  const order = await orderOf(orderId);
  const charge = await t.prisma.sandboxCharge.findUniqueOrThrow({ where: { idempotencyKey: chargeKey(orderId) } });
  expect(order.status).toBe('paid');
  expect(order.paidAt).not.toBeNull();
  expect(order.payments).toEqual([
    expect.objectContaining({ status: 'succeeded', providerReference: charge.reference, amountCents: 1_400 }),
  ]);
  expect(await stockOf(book.id)).toBe(8);
});

test('not charged → released: stock and sales back, payment_failed, and the key works again', async () => {
  const { user, book, orderId, body } = await strandedCheckout({ charged: false, quantity: 3 });
  const round = await settleStalePendingOrders(deps, HOUR_MS / 2);
  expect(round).toMatchObject({ paid: 0, released: 1 });

  const order = await orderOf(orderId);
  expect(order).toMatchObject({ status: 'payment_failed', paymentFailure: 'checkout_interrupted', idempotencyKey: null });
  expect(order.payments).toEqual([]);
  expect(await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).toMatchObject({ stock: 10, unitsSold: 0 });
  const released = await t.prisma.stockAdjustment.findFirstOrThrow({ where: { orderId, reason: 'order_cancelled' } });
  expect(released).toMatchObject({ delta: 3, stockAfter: 10 });

  // The shopper's retry of the interrupted checkout places it afresh.
  const retried = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(body).expect(201);
  expect(retried.body.id).not.toBe(orderId);
  expect(await stockOf(book.id)).toBe(7);
});

test('a checkout still within the bound is left alone', async () => {
  const { orderId } = await strandedCheckout({ charged: false });
  await t.prisma.$executeRaw`UPDATE orders SET updated_at = now() WHERE id = ${orderId}::int`;
  await settleStalePendingOrders(deps, HOUR_MS);
  expect((await orderOf(orderId)).status).toBe('pending');
  await age(orderId);
  await settleStalePendingOrders(deps, HOUR_MS / 2);
  expect((await orderOf(orderId)).status).toBe('payment_failed');
});

test('a provider that cannot answer leaves the order pending, to be claimed again after the bound', async () => {
  const { orderId } = await strandedCheckout({ charged: true });
  payments.lookupFails = true;
  expect(await settleStalePendingOrders(deps, HOUR_MS / 2)).toMatchObject({ unresolved: 1 });
  expect((await orderOf(orderId)).status).toBe('pending');
  // Claiming it moved it back inside the bound: the next round leaves it for now.
  payments.lookupFails = false;
  expect(await settleStalePendingOrders(deps, HOUR_MS / 2)).toMatchObject({ paid: 0, unresolved: 0 });
  await age(orderId);
  expect(await settleStalePendingOrders(deps, HOUR_MS / 2)).toMatchObject({ paid: 1 });
});

test('two settlers at once settle each order exactly once', async () => {
  const stranded = await Promise.all(
    Array.from({ length: 16 }, (_, i) => strandedCheckout({ charged: i % 2 === 0, quantity: 1, stock: 5 })),
  );
  payments.lookupDelayMs = 20; // so the two rounds overlap

  const rounds = await Promise.all([settleStalePendingOrders(deps, HOUR_MS / 2), settleStalePendingOrders(deps, HOUR_MS / 2)]);

  expect(rounds[0]!.paid + rounds[1]!.paid).toBe(8);
  expect(rounds[0]!.released + rounds[1]!.released).toBe(8);
  for (const [i, { orderId, book }] of stranded.entries()) {
    const order = await orderOf(orderId);
    const ledger = await t.prisma.stockAdjustment.findMany({ where: { orderId } });
    if (i % 2 === 0) {
      expect(order.status).toBe('paid');
      expect(order.payments).toHaveLength(1);
      expect(await stockOf(book.id)).toBe(4);
      expect(ledger).toHaveLength(1);
    } else {
      expect(order.status).toBe('payment_failed');
      expect(order.payments).toHaveLength(0);
      expect(await stockOf(book.id)).toBe(5);
      expect(ledger).toHaveLength(2); // taken once, released once
    }
  }
});

test('the same order settled twice at the same moment: one wins, the other changes nothing', async () => {
  const paidOne = await strandedCheckout({ charged: true });
  const releasedOne = await strandedCheckout({ charged: false, stock: 3 });
  const outcomes = await Promise.all([
    settleByLookup(deps, paidOne.orderId, 'checkout_interrupted'),
    settleByLookup(deps, paidOne.orderId, 'checkout_interrupted'),
    settleByLookup(deps, releasedOne.orderId, 'checkout_interrupted'),
    settleByLookup(deps, releasedOne.orderId, 'checkout_interrupted'),
  ]);
  expect(outcomes.slice(0, 2).sort()).toEqual(['already_paid', 'paid']);
  expect(outcomes.slice(2).sort()).toEqual(['already_settled', 'released']);
  expect((await orderOf(paidOne.orderId)).payments).toHaveLength(1);
  expect(await stockOf(releasedOne.book.id)).toBe(3);
});

test('a charge landing on an order already released is refunded, never kept without its order', async () => {
  const { orderId } = await strandedCheckout({ charged: false });
  await settleStalePendingOrders(deps, HOUR_MS / 2);
  const late = await payments.charge({
    amountCents: 1_400,
    currency: 'USD',
    card: { number: TEST_CARDS.success, expMonth: 12, expYear: 2099, cvc: '123' },
    idempotencyKey: chargeKey(orderId),
    description: 'late',
  });
  expect(await recordCharge(deps, orderId, late)).toBe('refunded');
  const charge = await t.prisma.sandboxCharge.findUniqueOrThrow({ where: { reference: late.reference } });
  expect(charge.refundedCents).toBe(1_400);
  expect((await orderOf(orderId)).status).toBe('payment_failed');
});
