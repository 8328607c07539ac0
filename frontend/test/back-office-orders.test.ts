import { Writable } from 'node:stream';
import pino from 'pino';
import supertest from 'supertest';
import { createApp } from '../src/app';
import { signedInAdmin } from './admin-accounts';
import { backOfficeFixtures, page, submit } from './back-office';
import { errorSummary, parseHtml, textOf, textsOf } from './html';
import { buildShop, type TestShop } from './shop';
import type { Agent } from './shopper';

/** Orders in the back office (list, page, the changes the state machine allows), the dashboard, the audit log. */
let shop: TestShop;
let admin: Agent;
let adminId: number;
let fixtures: ReturnType<typeof backOfficeFixtures>;

beforeAll(async () => {
  shop = buildShop();
  const signed = await signedInAdmin(shop);
  admin = signed.agent;
  adminId = signed.userId;
  fixtures = backOfficeFixtures(shop, adminId);
});
afterAll(() => shop.close());

const transitionsOn = async (orderId: number) => {
  const { $ } = await page(admin, `/admin/orders/${orderId}`);
  return $('[data-transition]').map((_i, el) => $(el).attr('data-transition')).get();
};

/** Sends the order page's status form (as its button would, or forged), expecting `status`. */
async function change(orderId: number, target: string, status: number) {
  const { token } = await page(admin, `/admin/orders/${orderId}`, 'form[action$="/status"]');
  const res = await submit(admin, `/admin/orders/${orderId}/status`, token, { status: target });
  expect(res.status).toBe(status);
  return res;
}

test('a paid order offers ship and cancel only; shipped offers deliver only; delivered offers nothing', async () => {
  const book = await fixtures.book({ stock: 10 });
  const orderId = await fixtures.paidOrder(book.id, 2);
  const { $ } = await page(admin, `/admin/orders/${orderId}`);
  expect(textOf($, '[data-status]')).toBe('Paid: to ship');
  expect(textOf($, '[data-customer]')).toMatch(/Olive Buyer/);
  expect(textsOf($, '[data-order-item] td:first-child')).toEqual([book.title]);
  expect(await transitionsOn(orderId)).toEqual(['shipped', 'cancelled']);

  const shipped = await change(orderId, 'shipped', 303);
  expect(shipped.headers.location).toBe(`/admin/orders/${orderId}?changed=shipped`);
  const after = parseHtml((await admin.get(String(shipped.headers.location)).expect(200)).text);
  expect(textOf(after, '[data-changed]')).toBe('Done: the order is now shipped.');
  expect(await transitionsOn(orderId)).toEqual(['delivered']);
  await change(orderId, 'delivered', 303);
  expect(await transitionsOn(orderId)).toEqual([]);
  expect(textOf(parseHtml((await admin.get(`/admin/orders/${orderId}`)).text), '[data-no-transitions]')).toBe('Nothing more can happen to this order.');
});

test('a change that is not offered is refused (409) with the reason on the page, and nothing changes', async () => {
  const book = await fixtures.book({ stock: 10 });
  const orderId = await fixtures.paidOrder(book.id, 1);
  await change(orderId, 'shipped', 303);
  // The cancel button is gone; a forged (or stale) form asks anyway.
  const refused = await change(orderId, 'cancelled', 409);
  const $ = parseHtml(refused.text);
  expect($('title').text()).toMatch(/^Error: Order/);
  expect(errorSummary($)).toEqual([{ href: '#order-actions', text: 'This order is shipped: “Cancel the order” is not possible now' }]);
  expect(await fixtures.stockOf(book.id)).toBe(9);
  const unknown = await change(orderId, 'refunded', 422);
  expect(errorSummary(parseHtml(unknown.text))[0]?.text).toBe('Choose a status change');
});

test('cancelling puts the books back in stock, and the shop shows it at once', async () => {
  const book = await fixtures.book({ stock: 3 });
  await shop.request.get(`/books/${book.slug}`).expect(200);
  const orderId = await fixtures.paidOrder(book.id, 3);
  const stockText = async () => textOf(parseHtml((await shop.request.get(`/books/${book.slug}`)).text), '.buy-box__stock');
  // The page was cached with 3 in stock; other shoppers' orders do not bump the cache, the admin's cancellation does.
  await change(orderId, 'cancelled', 303);
  expect(await fixtures.stockOf(book.id)).toBe(3);
  expect(await stockText()).toMatch(/Only 3 left/);
  const { $ } = await page(admin, `/admin/orders/${orderId}?changed=cancelled`);
  expect(textOf($, '[data-changed]')).toMatch(/back in stock/);
});

test('the list filters by status and by the day orders were placed', async () => {
  const book = await fixtures.book({ stock: 10 });
  const shippedId = await fixtures.paidOrder(book.id, 1);
  await change(shippedId, 'shipped', 303);
  const paidId = await fixtures.paidOrder(book.id, 1);

  const shipped = parseHtml((await admin.get('/admin/orders?status=shipped').expect(200)).text);
  const shippedIds = shipped('[data-order-id]').map((_i, el) => Number(shipped(el).attr('data-order-id'))).get();
  expect(shippedIds).toContain(shippedId);
  expect(shippedIds).not.toContain(paidId);
  expect(textsOf(shipped, '[data-order-rows] [data-status]').every((text) => text === 'Shipped')).toBe(true);

  const today = new Date().toISOString().slice(0, 10);
  const todays = parseHtml((await admin.get(`/admin/orders?from=${today}&to=${today}`).expect(200)).text);
  expect(todays(`[data-order-id="${paidId}"]`)).toHaveLength(1);
  const long_ago = parseHtml((await admin.get('/admin/orders?from=2001-01-01&to=2001-01-31').expect(200)).text);
  expect(long_ago('[data-no-orders]')).toHaveLength(1);

  const bad = await admin.get('/admin/orders?from=2026-02-30&to=yesterday').expect(400);
  expect(errorSummary(parseHtml(bad.text)).map((item) => item.href)).toEqual(['#from', '#to']);
});

test('the dashboard: today\'s orders and revenue, orders to ship, low stock, the week\'s bestsellers', async () => {
  const $ = parseHtml((await admin.get('/admin').expect(200)).text);
  expect(Number(textOf($, '[data-stat="orders-today"] .stat-card__value'))).toBeGreaterThanOrEqual(1);
  expect(textOf($, '[data-stat="revenue-today"] .stat-card__value')).toMatch(/^\$\d/);
  expect(Number(textOf($, '[data-stat="to-ship"] .stat-card__value'))).toBeGreaterThanOrEqual(1);
  // The seeded catalogue has books out of stock: the fewest first, at most ten, none above the threshold.
  const lowStock = textsOf($, '[data-low-stock] tbody tr td:nth-child(2)').map(Number);
  expect(lowStock.length).toBeGreaterThan(0);
  expect(lowStock.length).toBeLessThanOrEqual(10);
  expect(lowStock).toEqual([...lowStock].sort((a, b) => a - b));
  expect(Math.max(...lowStock)).toBeLessThanOrEqual(5);
  expect(textsOf($, '[data-bestsellers] .admin-ranking__title a')).toContain(shop.stack.fixtures.bestseller.title);
});

test('every admin action is one log line with the admin\'s id and the request id', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const logged = createApp({ ...shop.deps, logger: pino({ level: 'info' }, sink) });
  const book = await fixtures.book({ stock: 5 });
  const { agent, userId } = await signedInAdmin({ stack: shop.stack, browser: () => supertest.agent(logged) }, 'Logged Admin');
  const { token } = await page(agent, `/admin/books/${book.id}/stock`);
  await agent
    .post(`/admin/books/${book.id}/stock`)
    .set('X-Request-Id', 'frontend-audit-request-1')
    .type('form')
    .send({ _csrf: token, delta: '4', reason: 'restock' })
    .expect(303);
  const audit = lines.filter((line) => line.audit === true);
  expect(audit).toHaveLength(1);
  expect(audit[0]).toMatchObject({ msg: 'admin action', action: 'stock.adjust', adminId: userId, requestId: 'frontend-audit-request-1', bookId: book.id, delta: 4, stockAfter: 9 });
});
