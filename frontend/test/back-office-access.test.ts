import { signedInAdmin, signedInCustomer } from './admin-accounts';
import { backOfficeFixtures, page, submit } from './back-office';
import { parseHtml, textsOf } from './html';
import { buildShop, type TestShop } from './shop';
import { shopper, type Agent } from './shopper';

/**
 * Who may use the back office: a guest is sent to sign in, a customer gets 403, an admin
 * gets the page; every action likewise; and no form works without its CSRF token.
 */
let shop: TestShop;
let admin: Agent;
let customer: Agent;
let bookId: number;
let orderId: number;
let fixtures: ReturnType<typeof backOfficeFixtures>;

beforeAll(async () => {
  shop = buildShop();
  const signed = await signedInAdmin(shop);
  admin = signed.agent;
  customer = await signedInCustomer(shop);
  fixtures = backOfficeFixtures(shop, signed.userId);
  bookId = (await fixtures.book({ stock: 30 })).id;
  orderId = await fixtures.paidOrder(bookId);
});
afterAll(() => shop.close());

const pages = () => ['/admin', '/admin/books', '/admin/books?status=archived', '/admin/books/new', `/admin/books/${bookId}/edit`, `/admin/books/${bookId}/stock`, '/admin/orders', `/admin/orders/${orderId}`];

test('a guest opening any back-office page is sent to sign in, and brought back afterwards', async () => {
  for (const url of pages()) {
    const res = await shop.request.get(url).expect(303);
    expect(res.headers.location).toBe(`/sign-in?returnTo=${encodeURIComponent(url)}`);
  }
});

test('a signed-in customer gets the 403 page for every back-office page', async () => {
  for (const url of pages()) {
    const res = await customer.get(url).expect(403);
    expect(parseHtml(res.text)('h1').text()).toBe('That is not allowed');
  }
});

test('an admin gets every page, never cached', async () => {
  for (const url of pages()) {
    const res = await admin.get(url).expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(parseHtml(res.text)('nav[aria-label="Back office"]')).toHaveLength(1);
  }
});

describe('actions', () => {
  const actions = () => [
    ['/admin/books', { title: 'Should not exist', authors: 'No One', price: '1.00', currency: 'USD', language: 'en' }],
    [`/admin/books/${bookId}`, { title: 'Renamed by a stranger', authors: 'No One', price: '1.00', currency: 'USD', language: 'en' }],
    [`/admin/books/${bookId}/archive`, {}],
    [`/admin/books/${bookId}/restore`, {}],
    [`/admin/books/${bookId}/stock`, { delta: '-5', reason: 'damaged' }],
    [`/admin/orders/${orderId}/status`, { status: 'cancelled' }],
  ] as const;

  test('a guest with a valid form token is sent to sign in; a customer gets 403; nothing changes', async () => {
    const guest = shopper(shop);
    const { token: guestToken } = await page(guest, '/sign-in');
    const { token: customerToken } = await page(customer, '/account', 'form[action="/sign-out"]');
    for (const [url, fields] of actions()) {
      const asGuest = await submit(guest, url, guestToken, fields as Record<string, string>);
      expect(asGuest.status).toBe(303);
      expect(asGuest.headers.location).toMatch(/^\/sign-in/);
      await submit(customer, url, customerToken, fields as Record<string, string>).expect(403);
    }
    const book = await fixtures.bookNow(bookId);
    expect(book).toMatchObject({ stock: 29, archivedAt: null });
    expect(book.title).not.toMatch(/stranger/);
    const orderPage = await page(admin, `/admin/orders/${orderId}`);
    expect(orderPage.$('[data-status]').first().text()).toBe('Paid: to ship');
  });

  test('an admin form without its CSRF token is refused with 403, and changes nothing', async () => {
    for (const [url, fields] of actions()) {
      const res = await submit(admin, url, undefined, fields as Record<string, string>);
      expect(res.status).toBe(403);
    }
    const bogus = await submit(admin, `/admin/books/${bookId}/stock`, 'not-a-real-token', { delta: '-5', reason: 'damaged' });
    expect(bogus.status).toBe(403);
    expect(await fixtures.stockOf(bookId)).toBe(29);
  });
});

test('the header links to the back office for admins only', async () => {
  const adminHeader = parseHtml((await admin.get('/').expect(200)).text);
  expect(textsOf(adminHeader, '.site-nav a')).toContain('Admin');
  expect(adminHeader('.site-nav a[href="/admin"]')).toHaveLength(1);
  const customerHeader = parseHtml((await customer.get('/').expect(200)).text);
  expect(customerHeader('.site-nav a[href="/admin"]')).toHaveLength(0);
});
