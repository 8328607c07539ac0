import { buildShop, type TestShop } from './shop';
import { errorSummary, field, parseHtml, textOf, textsOf, type Html } from './html';
import { addToCart, backends, openForm, register, sessionIdOf, shopper, spareBooks, type Agent, type SpareBook } from './shopper';

let shop: TestShop;
let api: ReturnType<typeof backends>;
/** A book of its own for each test that places an order (see spareBooks). */
let nextBook: () => SpareBook;
beforeAll(async () => {
  shop = buildShop();
  api = backends(shop);
  nextBook = await spareBooks(shop, 'checkout');
});
afterAll(() => shop.close());

const NEXT_YEAR = String(new Date().getUTCFullYear() + 1);
const PAID_CARD = '4242 4242 4242 4242';
const DECLINED_CARD = '4000 0000 0000 0002';

const filledForm = (overrides: Record<string, unknown> = {}) => ({
  name: 'Cara Shopper',
  line1: '12 Reading Lane',
  line2: 'Flat 3',
  city: 'Bookham',
  region: 'Surrey',
  postalCode: 'BK1 2RL',
  country: 'GB',
  cardNumber: PAID_CARD,
  expMonth: '04',
  expYear: NEXT_YEAR,
  cvc: '123',
  ...overrides,
});

/** A signed-in shopper with books in the cart, on the checkout page. */
async function atCheckout(books: [slug: string, quantity: number][] = [['pride-and-prejudice', 2]]) {
  const agent = shopper(shop);
  const { account } = await register(agent);
  for (const [slug, quantity] of books) await addToCart(agent, slug, quantity);
  const { $, token } = await openForm(agent, '/checkout', 'form[data-checkout-form]');
  const key = $('input[name="idempotencyKey"]').attr('value')!;
  return { agent, account, userId: await api.userId(account), $, token, key };
}

const submit = (agent: Agent, token: string, key: string, form: Record<string, unknown> = filledForm()) =>
  agent.post('/checkout').type('form').send({ _csrf: token, idempotencyKey: key, ...form });

const ordersOf = (userId: number) => api.rds<{ total: number; items: { id: number; status: string }[] }>('GET', `/users/${userId}/orders`, undefined, userId);

const keptFields = ($: Html) =>
  Object.fromEntries(['name', 'line1', 'line2', 'city', 'region', 'postalCode', 'country', 'expMonth', 'expYear', 'cardNumber', 'cvc'].map((id) => [id, field($, id).value ?? '']));

describe('a guest', () => {
  test('is sent to sign in, and comes back to checkout with the cart merged', async () => {
    const agent = shopper(shop);
    await addToCart(agent, 'pride-and-prejudice', 2);
    const res = await agent.get('/checkout').expect(303);
    expect(res.headers.location).toBe('/sign-in?returnTo=%2Fcheckout');
    const signIn = parseHtml((await agent.get(String(res.headers.location)).expect(200)).text);
    expect(signIn('input[name="returnTo"]').attr('value')).toBe('/checkout');
    expect(signIn('a[href^="/register"]').attr('href')).toBe('/register?returnTo=%2Fcheckout');

    const { location } = await register(agent, undefined, '/checkout');
    expect(location).toBe('/checkout');
    const $ = parseHtml((await agent.get('/checkout').expect(200)).text);
    expect(textsOf($, '[data-summary-lines] .summary-line__title')).toEqual(['Pride and Prejudice × 2']);
  });

  test('posting the checkout form is sent to sign in too', async () => {
    const agent = shopper(shop);
    const { token } = await openForm(agent, '/books/pride-and-prejudice', 'form[action="/cart/items"]');
    await agent.post('/checkout').type('form').send({ _csrf: token, ...filledForm() }).expect(303).expect('Location', '/sign-in?returnTo=%2Fcheckout');
  });
});

describe('the checkout page', () => {
  test('the address, the card, the sandbox cards, the order summary and a key for this form', async () => {
    const { $, key } = await atCheckout();
    for (const [id, label] of <[string, string][]>[
      ['name', 'Full name'], ['line1', 'Address line 1'], ['line2', 'Address line 2 (optional)'], ['city', 'Town or city'],
      ['region', 'County, state or province (optional)'], ['postalCode', 'Postal code'], ['country', 'Country'],
      ['cardNumber', 'Card number'], ['expMonth', 'Month'], ['expYear', 'Year'], ['cvc', 'Security code'],
    ]) expect([id, field($, id).label]).toEqual([id, label]);
    expect(field($, 'name').value).toBe('Cara Shopper');
    const countries = $('#country option').map((_i, el) => $(el).attr('value')).get();
    expect(countries).toHaveLength(250);
    expect(countries).toEqual(expect.arrayContaining(['', 'GB', 'US', 'DE', 'JP']));
    expect($('#country option[value="GB"]').text()).toBe('United Kingdom');
    expect(textsOf($, '[data-sandbox-cards] code')).toEqual(['4242 4242 4242 4242', '4000 0000 0000 0002', '4000 0000 0000 9995', '4000 0000 0000 0119']);
    expect(key).toMatch(/^[0-9a-f-]{36}$/);
    expect(textOf($, '[data-total]')).toMatch(/^\$\d+\.\d\d$/);
    expect($('#cardNumber').attr('autocomplete')).toBe('cc-number');
    // The enhancement script (one submit at a time) comes from our origin with the page's nonce.
    expect($('script[src*="/static/js/checkout.js"]').attr('nonce')).toBe($('script[src*="/static/js/shop.js"]').attr('nonce'));
  });

  test('the sandbox cards are not shown in production', async () => {
    const production = buildShop({ settings: { nodeEnv: 'production' } });
    try {
      const agent = production.browser().set('X-Forwarded-For', '10.202.0.9');
      await register(agent);
      await addToCart(agent, 'pride-and-prejudice', 1);
      const $ = parseHtml((await agent.get('/checkout').expect(200)).text);
      expect($('[data-sandbox-cards]').length).toBe(0);
    } finally {
      await production.close();
    }
  });

  test('an empty cart has nothing to check out: back to the cart', async () => {
    const agent = shopper(shop);
    await register(agent);
    await agent.get('/checkout').expect(303).expect('Location', '/cart');
  });

  test('the same key is kept over reloads until it places an order', async () => {
    const { agent, key } = await atCheckout();
    const again = parseHtml((await agent.get('/checkout').expect(200)).text);
    expect(again('input[name="idempotencyKey"]').attr('value')).toBe(key);
  });
});

describe('placing the order', () => {
  test('a paid order: 303 to its confirmation, the cart emptied, the order counted once in the bestsellers', async () => {
    const book = nextBook();
    const { agent, userId, token, key } = await atCheckout([[book.slug, 2]]);
    const res = await submit(agent, token, key).expect(303);
    const orderId = Number(/^\/account\/orders\/(\d+)\?placed=1$/.exec(String(res.headers.location))?.[1]);
    expect(orderId).toBeGreaterThan(0);

    const $ = parseHtml((await agent.get(String(res.headers.location)).expect(200)).text);
    expect(textOf($, '[data-placed] h2')).toBe('Thank you: your order is placed');
    expect(textOf($, '.order-status [data-status]')).toBe('Paid');
    expect(textOf($, '[data-address]')).toContain('Flat 3');
    expect(textOf($, '[data-cart-count]')).toBe('0 books');
    expect((await api.userCart(userId)).items).toEqual([]);
    const orders = await ordersOf(userId);
    expect(orders.items.map((o) => [o.id, o.status])).toEqual([[orderId, 'paid']]);

    // The frontend counted it: a second count of the same order is refused as a repeat.
    const repeat = await api.redis<{ recorded: boolean }>('POST', '/bestsellers/orders', { orderId, items: [{ bookId: book.id, quantity: 2 }] });
    expect(repeat.recorded).toBe(false);
    // The fast copy agrees with backend-rds, even if this order found it empty (a Redis
    // restart): refilled, the fixtures' bestseller leads and this order is in it.
    const ranking = await api.redis<{ items: { bookId: number; unitsSold: number }[] }>('GET', '/bestsellers?window=7d&limit=100');
    expect(ranking.items[0]?.bookId).toBe(shop.stack.fixtures.bestseller.id);
    expect(ranking.items.find((item) => item.bookId === book.id)?.unitsSold).toBeGreaterThanOrEqual(2);
  });

  test('a double click (the same form twice at once) makes one order, and both land on it', async () => {
    const { agent, userId, token, key } = await atCheckout([[nextBook().slug, 2]]);
    const results = await Promise.all([submit(agent, token, key), submit(agent, token, key)]);
    expect(results.map((r) => r.status)).toEqual([303, 303]);
    expect(results[0]!.headers.location).toBe(results[1]!.headers.location);
    expect((await ordersOf(userId)).total).toBe(1);
  });

  test('a reload of the POST or a back-and-resubmit shows the same order and makes no other', async () => {
    const { agent, userId, token, key } = await atCheckout([[nextBook().slug, 2]]);
    const first = await submit(agent, token, key).expect(303);
    // The back button shows the old form: its key is the one that placed the order.
    const again = await submit(agent, token, key, filledForm({ line1: '99 Other Road' })).expect(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect((await ordersOf(userId)).total).toBe(1);
    // A new checkout gets a new key.
    await addToCart(agent, 'pride-and-prejudice', 1);
    const next = parseHtml((await agent.get('/checkout').expect(200)).text);
    expect(next('input[name="idempotencyKey"]').attr('value')).not.toBe(key);
  });

  test('a declined card: the same form (422) with the message at the card number, everything else kept, the cart intact', async () => {
    const { agent, userId, token, key } = await atCheckout([[nextBook().slug, 2]]);
    const res = await submit(agent, token, key, filledForm({ cardNumber: DECLINED_CARD })).expect(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toBe('Error: Checkout | Bookstore');
    const message = 'Your card was declined. Try another card, or ask your bank why.';
    expect(errorSummary($)).toEqual([{ href: '#cardNumber', text: message }]);
    expect(field($, 'cardNumber')).toMatchObject({ invalid: true, error: message, value: '' });
    expect(keptFields($)).toEqual({ ...filledForm(), cardNumber: '', cvc: '' });
    expect($('input[name="idempotencyKey"]').attr('value')).toBe(key);
    expect((await api.userCart(userId)).totalQuantity).toBe(2);
    expect((await ordersOf(userId)).items.filter((o) => o.status === 'paid')).toEqual([]);

    // The next try with a good card, from the same form, goes through.
    const retry = await submit(agent, $('input[name="_csrf"]').attr('value')!, key).expect(303);
    expect(retry.headers.location).toMatch(/^\/account\/orders\/\d+\?placed=1$/);
  });

  test('insufficient funds says so', async () => {
    const { agent, token, key } = await atCheckout();
    const res = await submit(agent, token, key, filledForm({ cardNumber: '4000000000009995' })).expect(422);
    expect(errorSummary(parseHtml(res.text))).toEqual([{ href: '#cardNumber', text: 'Your card was declined: there are not enough funds. Try another card.' }]);
  });

  test('short stock: the form again (422), the book marked in the summary, the cart untouched', async () => {
    const low = await api.rds<{ id: number; slug: string; stock: number; title: string }>('GET', `/books/${shop.stack.fixtures.lowStock.slug}`);
    const { agent, userId, token, key } = await atCheckout([[low.slug, 1]]);
    await api.redis('PUT', `/carts/user/${userId}/items/${low.id}`, { quantity: low.stock + 1 });
    const res = await submit(agent, token, key).expect(422);
    const $ = parseHtml(res.text);
    const message = `Only ${low.stock} left of ${low.title}: lower the quantity in your cart`;
    expect(errorSummary($)).toEqual([{ href: `#summary-${low.id}`, text: message }]);
    expect(textOf($, `#summary-${low.id} .field__error`)).toBe(`Error: ${message}`);
    expect(keptFields($)).toEqual({ ...filledForm(), cardNumber: '', cvc: '' });
    expect((await api.userCart(userId)).items).toEqual([{ bookId: low.id, quantity: low.stock + 1 }]);
  });

  test('more different books than one order takes: the form again saying so, nothing placed', async () => {
    const { agent, userId, token, key } = await atCheckout();
    const books = await api.rds<{ items: { id: number; stock: number }[] }>('GET', '/books?pageSize=100&inStock=true');
    for (const book of books.items.slice(0, 51)) await api.redis('PUT', `/carts/user/${userId}/items/${book.id}`, { quantity: 1 });
    const res = await submit(agent, token, key).expect(422);
    expect(errorSummary(parseHtml(res.text))).toEqual([
      { href: '#order-summary', text: 'One order holds at most 50 different books: remove some from your cart and order them next' },
    ]);
    expect((await ordersOf(userId)).total).toBe(0);
  });

  test('a key this session did not issue: the form again, nothing placed', async () => {
    const { agent, userId, token } = await atCheckout();
    const res = await submit(agent, token, 'forged-key-12345678').expect(422);
    expect(errorSummary(parseHtml(res.text))).toEqual([{ href: '#order-summary', text: 'This checkout page was out of date: check the details and place the order again' }]);
    expect((await ordersOf(userId)).total).toBe(0);
  });
});

describe('bad input never gives a 500', () => {
  const ALL_MISSING = {
    name: 'Enter the name of the person receiving the books',
    line1: 'Enter the first line of the address',
    city: 'Enter the town or city',
    postalCode: 'Enter the postal code',
    country: 'Choose a country',
    cardNumber: 'Enter the card number',
    expMonth: 'Enter the month the card expires, from 1 to 12',
    expYear: 'Enter the year the card expires, like 2030',
    cvc: 'Enter the security code',
  };
  test.each<[string, Record<string, unknown>, Record<string, string>]>([
    ['every field missing', {}, ALL_MISSING],
    [
      'arrays for every field',
      Object.fromEntries(Object.entries(filledForm()).map(([k, v]) => [k, [v, v]])),
      { name: ALL_MISSING.name, line1: ALL_MISSING.line1, line2: 'Enter text only', city: ALL_MISSING.city, region: 'Enter text only', postalCode: ALL_MISSING.postalCode, country: ALL_MISSING.country, cardNumber: ALL_MISSING.cardNumber, expMonth: ALL_MISSING.expMonth, expYear: ALL_MISSING.expYear, cvc: ALL_MISSING.cvc },
    ],
    ['NUL bytes', filledForm({ name: 'Cara\u0000', line1: '\u0000' }), { name: 'Remove the unusual characters', line1: 'Remove the unusual characters' }],
    ['a country that is not one', filledForm({ country: 'XX' }), { country: 'Choose a country from the list' }],
    ['huge numbers', filledForm({ expMonth: '99999999999999999999', expYear: '1e400' }), { expMonth: 'Enter the month the card expires, from 1 to 12', expYear: 'Enter the year the card expires, like 2030' }],
    ['a card number with letters', filledForm({ cardNumber: '4242 abcd 4242 4242' }), { cardNumber: 'Enter the 12 to 19 digits on the front of the card' }],
    ['a mistyped card number', filledForm({ cardNumber: '4242 4242 4242 4241' }), { cardNumber: 'Check the card number: it is not a valid card number' }],
    ['an expired card', filledForm({ expMonth: '1', expYear: '2020' }), { expYear: 'This card has expired: use another card' }],
    ['a long postal code', filledForm({ postalCode: 'P'.repeat(21) }), { postalCode: 'Enter a postal code of at most 20 characters' }],
  ])('%s: the error summary, each message at its field, what was typed kept (but never the card)', async (_what, form, expected) => {
    const { agent, userId, token, key } = await atCheckout();
    const res = await submit(agent, token, key, form).expect(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toBe('Error: Checkout | Bookstore');
    expect(errorSummary($)).toEqual(Object.entries(expected).map(([id, text]) => ({ href: `#${id}`, text })));
    for (const [id, text] of Object.entries(expected)) expect([id, field($, id)]).toEqual([id, expect.objectContaining({ invalid: true, error: text })]);
    expect(field($, 'cardNumber').value).toBe('');
    expect(field($, 'cvc').value).toBe('');
    if (typeof form.city === 'string') expect(field($, 'city').value).toBe(form.city);
    expect((await ordersOf(userId)).total).toBe(0);
  });
});

describe('limits', () => {
  test('the checkout form is refused (403 page) without its token or with a wrong one', async () => {
    const { agent, userId, token, key } = await atCheckout();
    for (const sent of [undefined, `${token.slice(0, -2)}${token.endsWith("00") ? "11" : "00"}`]) {
      const res = await agent.post('/checkout').type('form').send({ ...filledForm(), idempotencyKey: key, ...(sent && { _csrf: sent }) }).expect(403);
      expect(textOf(parseHtml(res.text), 'h1')).toBe('That is not allowed');
    }
    expect((await ordersOf(userId)).total).toBe(0);
  });

  test('checkout is rate-limited per account (10 a minute): the form again (429) with the wait', async () => {
    const { agent, userId, token, key } = await atCheckout();
    for (let i = 0; i < 10; i++) await submit(agent, token, key, filledForm({ cardNumber: DECLINED_CARD })).expect(422);
    const res = await submit(agent, token, key).expect(429);
    const seconds = Number(res.headers['retry-after']);
    expect(seconds).toBeGreaterThan(0);
    const $ = parseHtml(res.text);
    expect(errorSummary($)).toEqual([{ href: '#order-summary', text: `Too many attempts: try again in ${seconds} seconds` }]);
    expect(field($, 'line1').value).toBe('12 Reading Lane');
    expect((await ordersOf(userId)).items.filter((o) => o.status === 'paid')).toEqual([]);
    expect(sessionIdOf(agent)).toBeDefined();
  });
});
