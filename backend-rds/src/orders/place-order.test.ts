import { buildTestApp, type TestApp } from '../../test/app';
import { PaymentUnavailableError } from '../payments/provider';
import { TEST_CARDS, TestPaymentProvider } from '../payments/test-provider';
import { createBook, createUser, orderBody, SHIPPING_ADDRESS } from './test-fixtures';

let t: TestApp;
let payments: TestPaymentProvider;
beforeAll(async () => {
  t = await buildTestApp();
  payments = t.deps.payments as TestPaymentProvider;
});
afterAll(() => t.close());

const stockOf = async (bookId: number) =>
  (await t.prisma.book.findUniqueOrThrow({ where: { id: bookId } })).stock;

describe('POST /orders', () => {
  test('places a paid order: snapshots prices, takes stock, records the payment', async () => {
    const user = await createUser(t.prisma);
    const dune = await createBook(t.prisma, { title: 'Dune', priceCents: 1_250, stock: 5 });
    const emma = await createBook(t.prisma, { title: 'Emma', priceCents: 800, stock: 3 });

    const res = await t
      .api()
      .post('/orders').set('X-User-Id', String(user.id))
      .send(orderBody([{ bookId: emma.id, quantity: 1 }, { bookId: dune.id, quantity: 2 }]))
      .expect(201);

    expect(res.body).toMatchObject({
      userId: user.id,
      status: 'paid',
      totalCents: 2 * 1_250 + 800,
      currency: 'USD',
      shippingAddress: SHIPPING_ADDRESS,
      payment: { status: 'succeeded', cardBrand: 'visa', cardLast4: '4242' },
      shippedAt: null,
      cancelledAt: null,
    });
    expect(res.body.paidAt).toEqual(expect.any(String));
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        { bookId: dune.id, title: 'Dune', quantity: 2, unitPriceCents: 1_250, lineTotalCents: 2_500 },
        { bookId: emma.id, title: 'Emma', quantity: 1, unitPriceCents: 800, lineTotalCents: 800 },
      ]),
    );
    expect(await stockOf(dune.id)).toBe(3);
    expect(await stockOf(emma.id)).toBe(2);
    const book = await t.prisma.book.findUniqueOrThrow({ where: { id: dune.id } });
    expect(book.unitsSold).toBe(2);
    const adjustments = await t.prisma.stockAdjustment.findMany({ where: { orderId: res.body.id } });
    expect(adjustments.map((a) => [a.bookId, a.delta, a.reason, a.stockAfter]).sort()).toEqual(
      [
        [dune.id, -2, 'order_placed', 3],
        [emma.id, -1, 'order_placed', 2],
      ].sort(),
    );
    // Only brand and last 4 are kept, never the card number.
    const payment = await t.prisma.payment.findFirstOrThrow({ where: { orderId: res.body.id } });
    expect(JSON.stringify(payment)).not.toContain(TEST_CARDS.success);
    // The provider charged exactly the order, under the order's own key.
    const charge = await t.prisma.sandboxCharge.findUniqueOrThrow({ where: { idempotencyKey: `order-${res.body.id}` } });
    expect(charge).toMatchObject({ reference: payment.providerReference, amountCents: 2 * 1_250 + 800 });
    const stored = await t.api().get(`/orders/${res.body.id}`).set('X-User-Id', String(user.id)).expect(200);
    expect(stored.body).toEqual(res.body);
  });

  test('a replay with the same key answers 200 with the same order and takes no more stock', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 5 });
    const body = orderBody([{ bookId: book.id, quantity: 2 }]);
    const first = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(body).expect(201);
    const again = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(body).expect(200);
    expect(again.body).toEqual(first.body);
    expect(await stockOf(book.id)).toBe(3);
  });

  test('the same key with a different body is 409 idempotency_key_reused', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 5 });
    const body = orderBody([{ bookId: book.id, quantity: 1 }]);
    await t.api().post('/orders').set('X-User-Id', String(user.id)).send(body).expect(201);
    const res = await t
      .api()
      .post('/orders').set('X-User-Id', String(user.id))
      .send({ ...body, items: [{ bookId: book.id, quantity: 2 }] })
      .expect(409);
    expect(res.body.error.code).toBe('idempotency_key_reused');
    expect(await stockOf(book.id)).toBe(4);
  });

  test('a declined card takes no stock: the attempt ends payment_failed, stock released (402)', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 4 });
    for (const [cardNumber, declineCode] of [
      [TEST_CARDS.declined, 'card_declined'],
      [TEST_CARDS.insufficientFunds, 'insufficient_funds'],
    ] as const) {
      const res = await t
        .api()
        .post('/orders').set('X-User-Id', String(user.id))
        .send(orderBody([{ bookId: book.id, quantity: 2 }], { cardNumber }))
        .expect(402);
      expect(res.body.error).toMatchObject({ code: 'payment_declined', details: { declineCode } });
    }
    expect(await stockOf(book.id)).toBe(4);
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).unitsSold).toBe(0);
    const attempts = await t.prisma.order.findMany({ where: { userId: user.id }, orderBy: { id: 'asc' } });
    expect(attempts.map((o) => [o.status, o.paymentFailure, o.idempotencyKey])).toEqual([
      ['payment_failed', 'card_declined', null],
      ['payment_failed', 'insufficient_funds', null],
    ]);
    expect(await t.prisma.payment.count({ where: { orderId: { in: attempts.map((o) => o.id) } } })).toBe(0);
    // The ledger shows each reservation and its release, netting to nothing.
    const ledger = await t.prisma.stockAdjustment.findMany({ where: { bookId: book.id }, orderBy: { id: 'asc' } });
    expect(ledger.map((a) => [a.delta, a.reason, a.stockAfter])).toEqual([
      [-2, 'order_placed', 2],
      [2, 'order_cancelled', 4],
      [-2, 'order_placed', 2],
      [2, 'order_cancelled', 4],
    ]);
  });

  test('a provider outage is retried twice, then 503 payment_unavailable: no charge, stock released', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 4 });
    const charge = jest.spyOn(payments, 'charge');
    const res = await t
      .api()
      .post('/orders').set('X-User-Id', String(user.id))
      .send(orderBody([{ bookId: book.id, quantity: 1 }], { cardNumber: TEST_CARDS.unavailable }))
      .expect(503);
    expect(res.body.error.code).toBe('payment_unavailable');
    expect(res.headers['retry-after']).toBe('5');
    expect(charge).toHaveBeenCalledTimes(3);
    charge.mockRestore();
    expect(await stockOf(book.id)).toBe(4);
    const [attempt] = await t.prisma.order.findMany({ where: { userId: user.id } });
    expect(attempt).toMatchObject({ status: 'payment_failed', paymentFailure: 'payment_unavailable' });
    expect(await payments.findCharge(`order-${attempt!.id}`)).toBeNull();
  });

  test('an answer lost after the charge landed: the provider\'s records make it paid, charged once', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 4 });
    const charge = jest.spyOn(payments, 'charge').mockImplementation(async function (this: TestPaymentProvider, request) {
      await TestPaymentProvider.prototype.charge.call(this, request);
      throw new PaymentUnavailableError('connection reset after the charge');
    });
    try {
      const res = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(orderBody([{ bookId: book.id, quantity: 1 }])).expect(201);
      expect(res.body).toMatchObject({ status: 'paid', payment: { status: 'succeeded', cardLast4: '4242' } });
      expect(charge).toHaveBeenCalledTimes(3);
      expect(await t.prisma.sandboxCharge.count({ where: { idempotencyKey: `order-${res.body.id}` } })).toBe(1);
      expect(await t.prisma.payment.count({ where: { orderId: res.body.id } })).toBe(1);
      expect(await stockOf(book.id)).toBe(3);
    } finally {
      charge.mockRestore();
    }
  });

  test('after a failed checkout the same key can place the order, with another card', async () => {
    const user = await createUser(t.prisma);
    const book = await createBook(t.prisma, { stock: 4 });
    const body = orderBody([{ bookId: book.id, quantity: 1 }], { cardNumber: TEST_CARDS.declined });
    await t.api().post('/orders').set('X-User-Id', String(user.id)).send(body).expect(402);
    // The same card again is simply declined again: a decline charges nothing.
    await t.api().post('/orders').set('X-User-Id', String(user.id)).send(body).expect(402);
    const retried = { ...body, payment: { ...body.payment, cardNumber: '5555 5555 5555 4444' } };
    const res = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(retried).expect(201);
    expect(res.body.payment).toEqual({ status: 'succeeded', cardBrand: 'mastercard', cardLast4: '4444' });
    expect(await stockOf(book.id)).toBe(3);
    // Once paid, the key is spent: the same body replays the order.
    const replay = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(retried).expect(200);
    expect(replay.body.id).toBe(res.body.id);
  });

  test('more than the stock is 409 insufficient_stock naming the book', async () => {
    const user = await createUser(t.prisma);
    const plenty = await createBook(t.prisma, { stock: 10 });
    const scarce = await createBook(t.prisma, { title: 'Scarce', stock: 1 });
    const res = await t
      .api()
      .post('/orders').set('X-User-Id', String(user.id))
      .send(orderBody([{ bookId: plenty.id, quantity: 3 }, { bookId: scarce.id, quantity: 2 }]))
      .expect(409);
    expect(res.body.error.code).toBe('insufficient_stock');
    expect(res.body.error.details).toEqual([{ bookId: scarce.id, title: 'Scarce', requested: 2, available: 1 }]);
    expect(await stockOf(plenty.id)).toBe(10);
  });

  test('unknown and archived books are 404 book_not_found', async () => {
    const user = await createUser(t.prisma);
    const archived = await createBook(t.prisma, { archived: true });
    for (const bookId of [archived.id, 2_000_000_000]) {
      const res = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(orderBody([{ bookId, quantity: 1 }])).expect(404);
      expect(res.body.error).toMatchObject({ code: 'book_not_found', details: { bookIds: [bookId] } });
    }
    expect(await stockOf(archived.id)).toBe(10);
  });

  test('an unknown acting user is 401 unknown_user; no X-User-Id is 401 user_required', async () => {
    const book = await createBook(t.prisma, { stock: 5 });
    const unknown = await t.api().post('/orders').set('X-User-Id', String(2_000_000_000)).send(orderBody([{ bookId: book.id, quantity: 1 }]));
    expect(unknown.status).toBe(401);
    expect(unknown.body.error.code).toBe('unknown_user');
    const anonymous = await t.api().post('/orders').send(orderBody([{ bookId: book.id, quantity: 1 }]));
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.error.code).toBe('user_required');
    expect(await stockOf(book.id)).toBe(5);
  });

  test('a body cannot act for another customer: a userId in it is refused, nothing is ordered', async () => {
    const [buyer, victim] = [await createUser(t.prisma), await createUser(t.prisma)];
    const book = await createBook(t.prisma, { stock: 5 });
    const res = await t
      .api()
      .post('/orders')
      .set('X-User-Id', String(buyer.id))
      .send({ ...orderBody([{ bookId: book.id, quantity: 1 }]), userId: victim.id })
      .expect(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'userId' }));
    expect(await t.prisma.order.count({ where: { userId: { in: [buyer.id, victim.id] } } })).toBe(0);
    expect(await stockOf(book.id)).toBe(5);
  });
});

describe('POST /orders: bad input is a 400 naming the field, never a 500', () => {
  let userId: number;
  let bookId: number;
  beforeAll(async () => {
    userId = (await createUser(t.prisma)).id;
    bookId = (await createBook(t.prisma, { stock: 50 })).id;
  });

  test('malformed JSON', async () => {
    const res = await t.api().post('/orders').set('Content-Type', 'application/json').send('{"items": [');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_json');
  });

  const cases: [string, (body: ReturnType<typeof orderBody>) => unknown, string][] = [
    ['huge quantity', (b) => ({ ...b, items: [{ bookId: b.items[0]!.bookId, quantity: 1e12 }] }), 'items.0.quantity'],
    ['zero quantity', (b) => ({ ...b, items: [{ bookId: b.items[0]!.bookId, quantity: 0 }] }), 'items.0.quantity'],
    ['huge book id', (b) => ({ ...b, items: [{ bookId: 99_999_999_999, quantity: 1 }] }), 'items.0.bookId'],
    ['book id as a string', (b) => ({ ...b, items: [{ bookId: String(b.items[0]!.bookId), quantity: 1 }] }), 'items.0.bookId'],
    ['fractional quantity', (b) => ({ ...b, items: [{ bookId: b.items[0]!.bookId, quantity: 1.5 }] }), 'items.0.quantity'],
    ['no items', (b) => ({ ...b, items: [] }), 'items'],
    ['a book twice', (b) => ({ ...b, items: [b.items[0], b.items[0]] }), 'items'],
    ['userId as a string', (b) => ({ ...b, userId: 'me' }), 'userId'],
    ['unknown top-level field', (b) => ({ ...b, coupon: 'FREE' }), 'coupon'],
    ['unknown address field', (b) => ({ ...b, shippingAddress: { ...b.shippingAddress, floor: 3 } }), 'shippingAddress.floor'],
    ['bad country', (b) => ({ ...b, shippingAddress: { ...b.shippingAddress, country: 'GBR' } }), 'shippingAddress.country'],
    ['empty city', (b) => ({ ...b, shippingAddress: { ...b.shippingAddress, city: '   ' } }), 'shippingAddress.city'],
    ['card failing Luhn', (b) => ({ ...b, payment: { ...b.payment, cardNumber: '4242424242424241' } }), 'payment.cardNumber'],
    ['expired card', (b) => ({ ...b, payment: { ...b.payment, expMonth: 1, expYear: 2001 } }), 'payment.expYear'],
    ['month 13', (b) => ({ ...b, payment: { ...b.payment, expMonth: 13 } }), 'payment.expMonth'],
    ['5-digit cvc', (b) => ({ ...b, payment: { ...b.payment, cvc: '12345' } }), 'payment.cvc'],
    ['short idempotency key', (b) => ({ ...b, idempotencyKey: 'abc' }), 'idempotencyKey'],
    ['missing payment', (b) => ({ ...b, payment: undefined }), 'payment'],
  ];

  test.each(cases)('%s', async (_name, mutate, field) => {
    const res = await t.api().post('/orders').set('X-User-Id', String(userId)).send(mutate(orderBody([{ bookId, quantity: 1 }])) as object);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  test('SQL-looking strings are stored as plain text', async () => {
    const sneaky = "Robert'); DROP TABLE orders;--";
    const body = orderBody([{ bookId, quantity: 1 }]);
    const res = await t
      .api()
      .post('/orders').set('X-User-Id', String(userId))
      .send({ ...body, shippingAddress: { ...body.shippingAddress, name: sneaky, line1: "1' OR '1'='1" } })
      .expect(201);
    expect(res.body.shippingAddress.name).toBe(sneaky);
    expect(await t.prisma.order.count()).toBeGreaterThan(0);
  });
});
