import { buildShop, type TestShop } from './shop';
import { parseHtml } from './html';
import { addToCart, backends, openForm, placeOrderFor, register, shopper, spareBooks, type Agent } from './shopper';

/**
 * Every form the shop posts to, sent what a broken client or an attacker sends (with a
 * valid CSRF token, so the request gets past the check to the form's own parsing): never a
 * 5xx, never a stack trace, always a page.
 */
let shop: TestShop;
let agent: Agent;
let token: string;
let bookId: number;
let orderId: number;
let boughtSlug: string;

beforeAll(async () => {
  shop = buildShop();
  const api = backends(shop);
  agent = shopper(shop);
  const { account } = await register(agent);
  await addToCart(agent, 'pride-and-prejudice', 1);
  bookId = (await api.rds<{ id: number }>('GET', '/books/pride-and-prejudice')).id;
  // Two orders of a book of its own (see spareBooks): the cancel form may cancel one, the
  // other keeps the shopper a buyer whose review form parses what it is sent.
  const bought = (await spareBooks(shop, 'hostile'))();
  boughtSlug = bought.slug;
  const userId = await api.userId(account);
  orderId = (await placeOrderFor(shop, userId, [{ bookId: bought.id, quantity: 1 }])).id;
  await placeOrderFor(shop, userId, [{ bookId: bought.id, quantity: 1 }]);
  // The checkout page issues the session's idempotency key; its token is the session's.
  token = (await openForm(agent, '/checkout', 'form[data-checkout-form]')).token;
});
afterAll(() => shop.close());

const FORMS = () => [
  '/cart/items',
  `/cart/items/${bookId}`,
  `/cart/items/${bookId}/remove`,
  '/checkout',
  `/account/orders/${orderId}/cancel`,
  `/books/${boughtSlug}/reviews`,
  '/register',
  '/sign-in',
];

const BODIES: [string, (csrf: string) => string | Buffer][] = [
  ['an empty body', (csrf) => `_csrf=${csrf}`],
  ['prototype names as fields', (csrf) => `_csrf=${csrf}&__proto__[polluted]=1&constructor[prototype][x]=1&hasOwnProperty=1&toString=2&valueOf=3`],
  ['bad percent-encoding', (csrf) => `_csrf=${csrf}&quantity=%zz&email=%C0%AF&name=%ED%A0%80&bookId=%FF&rating=a%`],
  ['bytes that are not UTF-8', (csrf) => Buffer.concat([Buffer.from(`_csrf=${csrf}&name=`), Buffer.from([0xff, 0xfe, 0xc0]), Buffer.from('&line1=%00')])],
  ['every field twice', (csrf) => `_csrf=${csrf}&bookId=1&bookId=2&quantity=1&quantity=2&email=a@b.example&email=c@d.example&rating=5&rating=1&country=GB&country=US&idempotencyKey=a&idempotencyKey=b`],
  ['bracketed fields', (csrf) => `_csrf=${csrf}&quantity[]=1&email[a]=x&rating[0]=5&items[0][bookId]=1`],
  ['huge values', (csrf) => `_csrf=${csrf}&quantity=${'9'.repeat(5000)}&bookId=${'9'.repeat(400)}&name=${'n'.repeat(20_000)}&expYear=1e308`],
  ['control characters everywhere', (csrf) => `_csrf=${csrf}&name=%01%02%1b&line1=%7f&email=%00@x.example&title=%0d%0a&body=%08&quantity=%091`],
  ['too many fields', (csrf) => `_csrf=${csrf}&${Array.from({ length: 250 }, (_, i) => `f${i}=1`).join('&')}`],
];

test.each(BODIES)('%s: every form answers a page, never a 5xx', async (_what, body) => {
  for (const url of FORMS()) {
    const res = await agent.post(url).set('Content-Type', 'application/x-www-form-urlencoded').send(body(token));
    expect([url, res.status < 500]).toEqual([url, true]);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
    if (res.status >= 400) expect([url, parseHtml(res.text)('h1').length]).toEqual([url, 1]);
  }
});

test('a JSON or multipart body, or a repeated token, is refused by the CSRF check (403)', async () => {
  for (const url of FORMS()) {
    await agent.post(url).set('Content-Type', 'application/json').send(JSON.stringify({ _csrf: token, quantity: 1 })).expect(403);
    await agent.post(url).field('_csrf', token).field('quantity', '1').expect(403);
    await agent.post(url).type('form').send(`_csrf=${token}&_csrf=${token}`).expect(403);
  }
});
