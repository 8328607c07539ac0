import { buildShop, type TestShop } from './shop';
import { errorSummary, parseHtml, textOf, textsOf } from './html';
import { ADDRESS, DEMO_ADMIN, backends, newAccount, openForm, placeOrderFor, register, shopper, spareBooks, type Agent, type SpareBook } from './shopper';

let shop: TestShop;
let api: ReturnType<typeof backends>;
/** A book of its own for each order (see spareBooks). */
let nextBook: () => SpareBook;
beforeAll(async () => {
  shop = buildShop();
  api = backends(shop);
  nextBook = await spareBooks(shop, 'orders');
});
afterAll(() => shop.close());

/** A signed-in shopper with one paid order of two copies of a book. */
async function customerWithOrder(): Promise<{ agent: Agent; userId: number; orderId: number; book: SpareBook }> {
  const agent = shopper(shop);
  const { account } = await register(agent, newAccount('Olive Orders'));
  const userId = await api.userId(account);
  const book = nextBook();
  const order = await placeOrderFor(shop, userId, [{ bookId: book.id, quantity: 2 }]);
  return { agent, userId, orderId: order.id, book };
}

const orderPage = async (agent: Agent, orderId: number, status = 200) => parseHtml((await agent.get(`/account/orders/${orderId}`).expect(status)).text);

test('the account page lists the orders, newest first, with their status and links', async () => {
  const { agent, userId, orderId, book } = await customerWithOrder();
  const second = await placeOrderFor(shop, userId, [{ bookId: nextBook().id, quantity: 1 }]);
  const $ = parseHtml((await agent.get('/account').expect(200)).text);
  expect($('[data-orders] > li').map((_i, el) => $(el).attr('data-order-id')).get()).toEqual([String(second.id), String(orderId)]);
  expect(textsOf($, '[data-orders] [data-status]')).toEqual(['Paid', 'Paid']);
  expect($(`[data-order-id="${orderId}"] a`).attr('href')).toBe(`/account/orders/${orderId}`);
  expect(textOf($, `[data-order-id="${orderId}"] .order-row__items`)).toBe(`${book.title} (2 copies)`);
});

test('an order\'s page: status, books, total, address and card', async () => {
  const { agent, userId, orderId, book } = await customerWithOrder();
  const order = await api.rds<{ totalCents: number }>('GET', `/orders/${orderId}`, undefined, userId);
  const $ = await orderPage(agent, orderId);
  expect(textOf($, 'h1')).toBe(`Order ${orderId}`);
  expect(textOf($, '.order-status [data-status]')).toBe('Paid');
  expect(textsOf($, '[data-order-item] td:first-child')).toEqual([book.title]);
  expect(textOf($, '[data-order-total]')).toBe(`$${(order.totalCents / 100).toFixed(2)}`);
  expect(textOf($, '[data-address]')).toContain(ADDRESS.line1);
  expect(textOf($, '[data-address]')).toContain('United Kingdom');
  expect(textOf($, '[data-payment]')).toMatch(/ending 4242$/);
  expect($('[data-cancel]').length).toBe(1);
  expect($('meta[name="robots"]').attr('content')).toBe('noindex');
});

test('a customer can never see another customer\'s order: the friendly 404', async () => {
  const { orderId, book } = await customerWithOrder();
  const intruder = shopper(shop);
  await register(intruder);
  const res = await intruder.get(`/account/orders/${orderId}`).expect(404);
  const $ = parseHtml(res.text);
  expect(textOf($, 'h1')).toBe('We could not find that page');
  expect(textOf($, '.notice__message')).toMatch(/could not find that order/);
  expect(res.text).not.toContain(book.title);
  // Nor cancel it.
  const { token } = await openForm(intruder, '/account', 'form[action="/sign-out"]');
  await intruder.post(`/account/orders/${orderId}/cancel`).type('form').send({ _csrf: token }).expect(404);
});

test.each(['abc', '0', '99999999999', '1e3', '-1'])('an order id of %s is the 404 page', async (id) => {
  const agent = shopper(shop);
  await register(agent);
  await agent.get(`/account/orders/${id}`).expect(404);
});

test('a guest is sent to sign in, and comes back to the order', async () => {
  await shopper(shop).get('/account/orders/12').expect(303).expect('Location', '/sign-in?returnTo=%2Faccount%2Forders%2F12');
  await shopper(shop).get('/account').expect(303).expect('Location', '/sign-in?returnTo=%2Faccount');
});

test('cancelling a paid order that has not shipped: 303 to the order, now cancelled; a second cancel is refused on the page (422)', async () => {
  const { agent, orderId } = await customerWithOrder();
  const { token } = await openForm(agent, `/account/orders/${orderId}`, 'form[action$="/cancel"]');
  await agent.post(`/account/orders/${orderId}/cancel`).type('form').send({ _csrf: token }).expect(303).expect('Location', `/account/orders/${orderId}?cancelled=1`);
  let $ = parseHtml((await agent.get(`/account/orders/${orderId}?cancelled=1`).expect(200)).text);
  expect(textOf($, '.order-status [data-status]')).toBe('Cancelled');
  expect(textOf($, '[data-cancelled]')).toBe('Your order is cancelled and the payment refunded.');
  expect($('[data-cancel]').length).toBe(0);

  const again = await agent.post(`/account/orders/${orderId}/cancel`).type('form').send({ _csrf: token }).expect(422);
  $ = parseHtml(again.text);
  expect($('title').text()).toBe(`Error: Order ${orderId} | Bookstore`);
  expect(errorSummary($)).toEqual([{ href: '#order-status', text: 'This order can no longer be cancelled: it is already cancelled' }]);
});

test('a shipped order offers no cancel, and a cancel posted anyway is refused (422)', async () => {
  const { agent, orderId } = await customerWithOrder();
  const { token } = await openForm(agent, `/account/orders/${orderId}`, 'form[action$="/cancel"]');
  const adminId = await api.userId(DEMO_ADMIN);
  await api.rds('POST', `/orders/${orderId}/status`, { status: 'shipped' }, adminId);
  const $ = await orderPage(agent, orderId);
  expect(textOf($, '.order-status [data-status]')).toBe('Shipped');
  expect($('[data-cancel]').length).toBe(0);
  const res = await agent.post(`/account/orders/${orderId}/cancel`).type('form').send({ _csrf: token }).expect(422);
  expect(errorSummary(parseHtml(res.text))).toEqual([{ href: '#order-status', text: 'This order can no longer be cancelled: it is shipped' }]);
});

test('the cancel form is refused (403 page) without its token or with a wrong one', async () => {
  const { agent, orderId } = await customerWithOrder();
  const { token } = await openForm(agent, `/account/orders/${orderId}`, 'form[action$="/cancel"]');
  for (const sent of [undefined, `${token.slice(0, -2)}${token.endsWith("00") ? "11" : "00"}`]) {
    const res = await agent.post(`/account/orders/${orderId}/cancel`).type('form').send(sent ? { _csrf: sent } : {}).expect(403);
    expect(textOf(parseHtml(res.text), 'h1')).toBe('That is not allowed');
  }
  expect(textOf(await orderPage(agent, orderId), '.order-status [data-status]')).toBe('Paid');
});

test('a bad page number of the order history is a 400 page, one past the end a 404', async () => {
  const { agent } = await customerWithOrder();
  await agent.get('/account?page=abc').expect(400);
  await agent.get('/account?page=2').expect(404);
});
