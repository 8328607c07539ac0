import { buildShop, type TestShop } from './shop';
import { errorSummary, field, parseHtml, textOf, textsOf } from './html';
import { addToCart, backends, openForm, sessionIdOf, shopper, type Agent } from './shopper';

let shop: TestShop;
let api: ReturnType<typeof backends>;
beforeAll(() => {
  shop = buildShop();
  api = backends(shop);
});
afterAll(() => shop.close());

interface BookFacts {
  id: number;
  slug: string;
  title: string;
  priceCents: number;
  stock: number;
}
const book = (slug: string) => api.rds<BookFacts>('GET', `/books/${slug}`);
const dollars = (cents: number) => `$${(cents / 100).toFixed(2)}`;

async function cartPage(agent: Agent, url = '/cart') {
  const res = await agent.get(url).expect(200);
  return parseHtml(res.text);
}

const sessionCookie = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) => c.startsWith('bookstore_session='));

describe('a guest cart', () => {
  test('the first add makes the guest session; the cart shows the line, the subtotal from backend-rds and the header count', async () => {
    const agent = shopper(shop);
    const pride = await book('pride-and-prejudice');
    const { $, token } = await openForm(agent, `/books/${pride.slug}`, 'form[action="/cart/items"]');
    expect($('form[action="/cart/items"] input[name="bookId"]').attr('value')).toBe(String(pride.id));
    // A price the browser sends is no field of the form: ignored.
    const add = await agent.post('/cart/items').type('form').send({ _csrf: token, bookId: String(pride.id), quantity: '2', priceCents: '1' }).expect(303);
    expect(add.headers.location).toBe(`/cart?added=${pride.id}`);
    expect(sessionCookie(add)).toMatch(/HttpOnly/);

    const cart = await cartPage(agent, add.headers.location);
    expect(textOf(cart, '[data-added]')).toBe(`Added ${pride.title} to your cart.`);
    expect(cart('[data-cart-lines] > li')).toHaveLength(1);
    expect(textOf(cart, '.cart-line__title')).toBe(pride.title);
    expect(field(cart, `quantity-${pride.id}`).value).toBe('2');
    expect(textOf(cart, '[data-unit-price]')).toBe(dollars(pride.priceCents));
    expect(textOf(cart, '[data-subtotal]')).toBe(dollars(pride.priceCents * 2));
    expect(textOf(cart, '[data-cart-count]')).toBe('2 books');
    expect(cart('[data-checkout-link]').attr('href')).toBe('/checkout');
    expect(cart('title').text()).toBe('Your cart | Bookstore');
  });

  test('adding the same book again adds up; a quantity can be changed, 0 or Remove takes the line out', async () => {
    const agent = shopper(shop);
    const pride = await book('pride-and-prejudice');
    const other = shop.stack.fixtures.alsoBought;
    await addToCart(agent, pride.slug, 1);
    await addToCart(agent, pride.slug, 2);
    await addToCart(agent, other.slug, 1);
    let cart = await cartPage(agent);
    expect(field(cart, `quantity-${pride.id}`).value).toBe('3');
    expect(textOf(cart, '[data-cart-count]')).toBe('4 books');

    const token = cart(`form[action="/cart/items/${pride.id}"] input[name="_csrf"]`).attr('value');
    await agent.post(`/cart/items/${pride.id}`).type('form').send({ _csrf: token, quantity: ' 5 ' }).expect(303).expect('Location', '/cart');
    cart = await cartPage(agent);
    expect(field(cart, `quantity-${pride.id}`).value).toBe('5');

    await agent.post(`/cart/items/${pride.id}`).type('form').send({ _csrf: token, quantity: '0' }).expect(303);
    cart = await cartPage(agent);
    expect(textsOf(cart, '.cart-line__title')).toEqual([other.title]);

    const removeToken = cart(`form[action="/cart/items/${other.id}/remove"] input[name="_csrf"]`).attr('value');
    await agent.post(`/cart/items/${other.id}/remove`).type('form').send({ _csrf: removeToken }).expect(303).expect('Location', '/cart');
    cart = await cartPage(agent);
    expect(cart('[data-cart-empty]').length).toBe(1);
    expect(textOf(cart, 'h2')).toBe('Your cart is empty');
    expect(textOf(cart, '[data-cart-count]')).toBe('0 books');
  });

  test('a visitor without a session sees the empty cart and gets no session for it', async () => {
    const res = await shopper(shop).get('/cart').expect(200);
    expect(parseHtml(res.text)('[data-cart-empty]').length).toBe(1);
    expect(sessionCookie(res)).toBeUndefined();
  });
});

describe('stock warnings', () => {
  test('"Only N left" as a note; more than the stock, or none left, stops the checkout', async () => {
    const agent = shopper(shop);
    const low = await book(shop.stack.fixtures.lowStock.slug);
    const out = await book(shop.stack.fixtures.outOfStock.slug);
    await addToCart(agent, low.slug, low.stock);
    let cart = await cartPage(agent);
    expect(textOf(cart, `#line-${low.id} [data-stock-warning]`)).toBe(`Only ${low.stock} left`);
    expect(cart('[data-checkout-link]').length).toBe(1);

    // More than the stock (the cart's own form does not check stock: the warning does).
    const token = cart(`form[action="/cart/items/${low.id}"] input[name="_csrf"]`).attr('value');
    await agent.post(`/cart/items/${low.id}`).type('form').send({ _csrf: token, quantity: String(low.stock + 1) }).expect(303);
    cart = await cartPage(agent);
    expect(textOf(cart, `#line-${low.id} [data-stock-warning]`)).toBe(`Only ${low.stock} left: lower the quantity to ${low.stock} to check out`);
    expect(cart('[data-checkout-link]').length).toBe(0);
    expect(cart('[data-checkout-blocked]').length).toBe(1);
    expect(field(cart, `quantity-${low.id}`).exists).toBe(true);
    expect(cart(`#quantity-${low.id}`).attr('aria-describedby')).toBe(`warning-${low.id}`);

    // A book that sold out after it went in the cart (the book page offers no form for it).
    const sessionId = sessionIdOf(agent);
    await api.redis('POST', `/carts/guest/${sessionId}/items`, { bookId: out.id, quantity: 1 });
    cart = await cartPage(agent);
    expect(textOf(cart, `#line-${out.id} [data-stock-warning]`)).toBe('Out of stock: remove it to check out');
  });

  test('the add form refuses more than the stock with the form again (422)', async () => {
    const agent = shopper(shop);
    const low = await book(shop.stack.fixtures.lowStock.slug);
    const { token } = await openForm(agent, `/books/${low.slug}`, 'form[action="/cart/items"]');
    const res = await agent.post('/cart/items').type('form').send({ _csrf: token, bookId: String(low.id), quantity: String(low.stock + 1) }).expect(422);
    const $ = parseHtml(res.text);
    expect(errorSummary($)).toEqual([{ href: '#quantity', text: `Only ${low.stock} left: choose ${low.stock} or fewer` }]);
    expect(field($, 'quantity')).toMatchObject({ value: String(low.stock + 1), invalid: true, error: `Only ${low.stock} left: choose ${low.stock} or fewer` });
  });
});

describe('bad input never gives a 500', () => {
  const BAD_QUANTITIES: [string, Record<string, unknown>][] = [
    ['letters', { quantity: 'abc' }],
    ['zero', { quantity: '0' }],
    ['a huge number', { quantity: '99999999999999999999999' }],
    ['a negative number', { quantity: '-1' }],
    ['a decimal', { quantity: '1.5' }],
    ['a NUL byte', { quantity: '1\u0000' }],
    ['an array', { quantity: ['1', '2'] }],
    ['nothing', {}],
  ];

  test.each(BAD_QUANTITIES)('adding with %s as the quantity: the form again with the error summary', async (_what, body) => {
    const agent = shopper(shop);
    const pride = await book('pride-and-prejudice');
    const { token } = await openForm(agent, `/books/${pride.slug}`, 'form[action="/cart/items"]');
    const res = await agent.post('/cart/items').type('form').send({ _csrf: token, bookId: String(pride.id), ...body }).expect(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect(errorSummary($)).toEqual([{ href: '#quantity', text: 'Enter a quantity from 1 to 20' }]);
    expect($('[data-error-summary]').attr('role')).toBe('alert');
    expect(field($, 'quantity')).toMatchObject({ invalid: true, error: 'Enter a quantity from 1 to 20' });
    // Nothing went into a cart.
    expect(textOf(await cartPage(agent), 'h2')).toBe('Your cart is empty');
  });

  test.each([['letters', 'abc'], ['zero', '0'], ['a huge id', '99999999999'], ['an unknown id', '2000000000'], ['nothing', undefined]])(
    'adding a book id of %s: the 404 page',
    async (_what, bookId) => {
      const agent = shopper(shop);
      const { token } = await openForm(agent, '/books/pride-and-prejudice', 'form[action="/cart/items"]');
      const res = await agent.post('/cart/items').type('form').send({ _csrf: token, quantity: '1', ...(bookId !== undefined && { bookId }) }).expect(404);
      expect(textOf(parseHtml(res.text), 'h1')).toBe('We could not find that page');
    },
  );

  test.each(BAD_QUANTITIES.filter(([what]) => what !== 'zero'))('changing a line to %s: the cart again with the error at that line', async (_what, body) => {
    const agent = shopper(shop);
    const pride = await book('pride-and-prejudice');
    await addToCart(agent, pride.slug, 2);
    const token = (await cartPage(agent))(`form[action="/cart/items/${pride.id}"] input[name="_csrf"]`).attr('value');
    const res = await agent.post(`/cart/items/${pride.id}`).type('form').send({ _csrf: token, ...body }).expect(422);
    const $ = parseHtml(res.text);
    const message = 'Enter a quantity from 0 to 20 (0 removes the book)';
    expect($('title').text()).toBe('Error: Your cart | Bookstore');
    expect(errorSummary($)).toEqual([{ href: `#quantity-${pride.id}`, text: message }]);
    expect(field($, `quantity-${pride.id}`)).toMatchObject({ invalid: true, error: message });
    expect(textOf($, '[data-subtotal]')).toBe(dollars(pride.priceCents * 2));
  });

  test('a line id that is not a number is the 404 page', async () => {
    const agent = shopper(shop);
    await addToCart(agent, 'pride-and-prejudice', 1);
    const token = (await cartPage(agent))('form[action$="/remove"] input[name="_csrf"]').attr('value');
    await agent.post('/cart/items/abc').type('form').send({ _csrf: token, quantity: '1' }).expect(404);
    await agent.post('/cart/items/1e3/remove').type('form').send({ _csrf: token }).expect(404);
  });
});

describe('CSRF', () => {
  test.each([
    ['add', () => '/cart/items', (id: number) => ({ bookId: String(id), quantity: '1' })],
    ['change', (id: number) => `/cart/items/${id}`, () => ({ quantity: '3' })],
    ['remove', (id: number) => `/cart/items/${id}/remove`, () => ({})],
  ] as const)('the %s form is refused (403 page) without its token or with a wrong one', async (_form, url, body) => {
    const agent = shopper(shop);
    const pride = await book('pride-and-prejudice');
    await addToCart(agent, pride.slug, 2);
    const token = (await cartPage(agent))('input[name="_csrf"]').attr('value')!;
    for (const sent of [undefined, `${token.slice(0, -2)}${token.endsWith("00") ? "11" : "00"}`]) {
      const res = await agent.post(url(pride.id)).type('form').send({ ...body(pride.id), ...(sent && { _csrf: sent }) }).expect(403);
      expect(textOf(parseHtml(res.text), 'h1')).toBe('That is not allowed');
    }
    expect(field(await cartPage(agent), `quantity-${pride.id}`).value).toBe('2');
  });
});
