import { buildTestApp, type TestApp } from '../../test/app';
import { utcDay } from './service';

const DAY_MS = 86_400_000;
const today = new Date('2030-03-15T12:00:00Z');
let now = today;
const daysAgo = (days: number) => new Date(today.getTime() - days * DAY_MS);

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ clock: () => now });
});
afterAll(() => t.close());

let nextOrderId = 1;
const record = (items: Array<{ bookId: number; quantity: number }>, orderId = nextOrderId++) =>
  t.api().post('/bestsellers/orders').send({ orderId, items });

const top = async (window: string, limit?: number) => {
  const res = await t.api().get('/bestsellers').query(limit ? { window, limit } : { window }).expect(200);
  return res.body.items as Array<{ bookId: number; unitsSold: number }>;
};

describe('recording and ranking (one shared history, built up in order)', () => {
  test('an order is counted once, however often it is recorded', async () => {
    now = daysAgo(8);
    const first = await record([{ bookId: 1, quantity: 5 }], 500).expect(201);
    expect(first.body).toEqual({ orderId: 500, recorded: true });
    const again = await record([{ bookId: 1, quantity: 5 }], 500).expect(200);
    expect(again.body).toEqual({ orderId: 500, recorded: false });
    expect(await top('all')).toEqual([{ bookId: 1, unitsSold: 5 }]);
  });

  test('concurrent retries of one order count once', async () => {
    now = daysAgo(6);
    const results = await Promise.all(Array.from({ length: 25 }, () => record([{ bookId: 2, quantity: 3 }], 501)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200)).toHaveLength(24);
    expect(await top('today')).toEqual([{ bookId: 2, unitsSold: 3 }]);
  });

  test('today, the last 7 days and all time', async () => {
    now = daysAgo(1);
    await record([
      { bookId: 3, quantity: 2 },
      { bookId: 2, quantity: 1 },
    ]).expect(201);
    now = today;
    await record([{ bookId: 4, quantity: 1 }]).expect(201);

    expect(await top('today')).toEqual([{ bookId: 4, unitsSold: 1 }]);
    // Eight days ago (book 1) is outside the window; six days ago is inside.
    expect(await top('7d')).toEqual([
      { bookId: 2, unitsSold: 4 },
      { bookId: 3, unitsSold: 2 },
      { bookId: 4, unitsSold: 1 },
    ]);
    expect(await top('all')).toEqual([
      { bookId: 1, unitsSold: 5 },
      { bookId: 2, unitsSold: 4 },
      { bookId: 3, unitsSold: 2 },
      { bookId: 4, unitsSold: 1 },
    ]);
    expect(await top('all', 2)).toEqual([
      { bookId: 1, unitsSold: 5 },
      { bookId: 2, unitsSold: 4 },
    ]);
  });

  test('the window defaults to 7 days and the scratch key does not linger', async () => {
    const res = await t.api().get('/bestsellers').expect(200);
    expect(res.body.window).toBe('7d');
    expect(res.body.items).toHaveLength(3);
    expect(await t.admin.exists(t.keys.bestsellersScratch())).toBe(0);
  });

  test('day sets expire on their own after the window', async () => {
    const ttl = await t.admin.pTTL(t.keys.bestsellersDay(utcDay(today)));
    expect(ttl).toBeGreaterThan(7 * DAY_MS);
    expect(ttl).toBeLessThanOrEqual(8 * DAY_MS);
    expect(await t.admin.pTTL(t.keys.bestsellersAllTime())).toBe(-1);
  });

  test('PUT /bestsellers replaces the rankings with the caller’s counts', async () => {
    now = today;
    const res = await t
      .api()
      .put('/bestsellers')
      .send({
        allTime: [
          { bookId: 7, unitsSold: 100 },
          { bookId: 8, unitsSold: 50 },
        ],
        days: [
          { date: utcDay(today), items: [{ bookId: 8, unitsSold: 2 }] },
          { date: utcDay(today, 3), items: [{ bookId: 7, unitsSold: 9 }] },
        ],
      })
      .expect(200);
    expect(res.body.allTimeBooks).toBe(2);
    expect(res.body.days).toHaveLength(7);
    expect(await top('all')).toEqual([
      { bookId: 7, unitsSold: 100 },
      { bookId: 8, unitsSold: 50 },
    ]);
    expect(await top('today')).toEqual([{ bookId: 8, unitsSold: 2 }]);
    expect(await top('7d')).toEqual([
      { bookId: 7, unitsSold: 9 },
      { bookId: 8, unitsSold: 2 },
    ]);
    // Days of the window not handed in are emptied.
    expect(await t.admin.exists(t.keys.bestsellersDay(utcDay(today, 1)))).toBe(0);

    // Orders recorded before the rebuild still count once.
    await record([{ bookId: 1, quantity: 5 }], 500).expect(200);
    await record([{ bookId: 8, quantity: 1 }]).expect(201);
    expect(await top('today')).toEqual([{ bookId: 8, unitsSold: 3 }]);
  });
});

describe('validation', () => {
  test.each([
    ['no items', { orderId: 1, items: [] }, 'items'],
    ['a zero quantity', { orderId: 1, items: [{ bookId: 1, quantity: 0 }] }, 'items.0.quantity'],
    ['a string order id', { orderId: 'x', items: [{ bookId: 1, quantity: 1 }] }, 'orderId'],
    ['an unknown field', { orderId: 1, items: [{ bookId: 1, quantity: 1 }], total: 3 }, 'total'],
  ])('recording an order with %s is a 400', async (_case, body, field) => {
    const res = await t.api().post('/bestsellers/orders').send(body).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  test.each([
    [{ window: 'month' }, 'window'],
    [{ limit: '0' }, 'limit'],
    [{ limit: '1000' }, 'limit'],
    [{ sort: 'asc' }, 'sort'],
  ])('query %j is a 400', async (query, field) => {
    const res = await t.api().get('/bestsellers').query(query).expect(400);
    expect(res.body.error.details[0].field).toBe(field);
  });

  test('a rebuild with a day outside the window is a 400 naming it', async () => {
    now = today;
    const res = await t
      .api()
      .put('/bestsellers')
      .send({ allTime: [], days: [{ date: utcDay(today, 7), items: [] }] })
      .expect(400);
    expect(res.body.error).toMatchObject({ code: 'day_outside_window', details: { days: [utcDay(today, 7)] } });
  });

  test('a rebuild naming one day twice, or with a bad date, is a 400', async () => {
    const day = utcDay(today);
    await t
      .api()
      .put('/bestsellers')
      .send({ allTime: [], days: [{ date: day, items: [] }, { date: day, items: [] }] })
      .expect(400);
    await t.api().put('/bestsellers').send({ allTime: [], days: [{ date: '2030-02-30', items: [] }] }).expect(400);
  });
});
