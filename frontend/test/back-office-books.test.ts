import { randomInt } from 'node:crypto';
import { signedInAdmin } from './admin-accounts';
import { backOfficeFixtures, formValues, page, submit } from './back-office';
import { errorSummary, field, parseHtml, textOf, textsOf } from './html';
import { buildShop, type TestShop } from './shop';
import { shopper, type Agent } from './shopper';

/** Books and stock in the back office: list and filters, create, edit, archive, restore, stock with history. */
let shop: TestShop;
let admin: Agent;
let fixtures: ReturnType<typeof backOfficeFixtures>;

beforeAll(async () => {
  shop = buildShop();
  const signed = await signedInAdmin(shop);
  admin = signed.agent;
  fixtures = backOfficeFixtures(shop, signed.userId);
});
afterAll(() => shop.close());

/** A valid ISBN-13 nobody else uses: 979 + 9 random digits + its check digit. */
function freshIsbn(): string {
  const body = `979${String(randomInt(0, 1e9)).padStart(9, '0')}`;
  const sum = [...body].reduce((total, digit, i) => total + Number(digit) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

const newBookFields = (title: string) => ({ title, authors: 'Mara Quill, Ode Ink', price: '14.50', currency: 'USD', language: 'en', stock: '7', description: 'A test book.' });

describe('creating a book', () => {
  test('bad input: 422, an error summary linking to each field, inline errors, what was typed kept', async () => {
    const { token } = await page(admin, '/admin/books/new');
    const res = await submit(admin, '/admin/books', token, { title: '', authors: 'Kept Author', price: 'twelve', currency: 'USD', language: 'en', publicationYear: '1813a', description: 'Kept description' }).expect(422);
    const $ = parseHtml(res.text);
    expect($('title').text()).toMatch(/^Error: New book/);
    expect(errorSummary($)).toEqual([
      { href: '#title', text: 'Enter the title' },
      { href: '#price', text: 'Enter a price, like 12.99' },
      { href: '#publicationYear', text: 'Enter a year, like 1813' },
    ]);
    expect(field($, 'title')).toMatchObject({ invalid: true, error: 'Enter the title' });
    expect(field($, 'price')).toMatchObject({ invalid: true, value: 'twelve' });
    expect(field($, 'authors').value).toBe('Kept Author');
    expect($('#description').text()).toBe('Kept description');
  });

  test('a valid book is created (303 to its edit page) and is in the shop at once', async () => {
    const title = `Created in the back office ${randomInt(1e6)}`;
    const { token, $ } = await page(admin, '/admin/books/new');
    const genreId = $('input[name="categoryIds"]').first().attr('value')!;
    const res = await submit(admin, '/admin/books', token, { ...newBookFields(title), categoryIds: [genreId] }).expect(303);
    expect(res.headers.location).toMatch(/^\/admin\/books\/\d+\/edit\?saved=created$/);
    const edit = parseHtml((await admin.get(String(res.headers.location)).expect(200)).text);
    expect(textOf(edit, '[data-notice]')).toBe('Book created. Shoppers see it now.');
    expect(field(edit, 'title').value).toBe(title);
    expect(edit(`input[name="categoryIds"][value="${genreId}"]`).attr('checked')).toBe('checked');
    expect(textOf(edit, '[data-stock]')).toBe('7');
    const shopUrl = edit('a:contains("See it in the shop")').attr('href')!;
    const book = parseHtml((await shop.request.get(shopUrl).expect(200)).text);
    expect(textOf(book, 'h1')).toBe(title);
  });

  test('an ISBN another book has is the ISBN field\'s error', async () => {
    const isbn = freshIsbn();
    await fixtures.book({ isbn });
    const { token } = await page(admin, '/admin/books/new');
    const res = await submit(admin, '/admin/books', token, { ...newBookFields('Same ISBN'), isbn }).expect(422);
    expect(field(parseHtml(res.text), 'isbn').error).toBe('Another book already has this ISBN');
  });
});

test('a price edit is visible to a shopper at once, though the shop had cached the book', async () => {
  const book = await fixtures.book({ priceCents: 1500 });
  const visitor = shopper(shop);
  const priceOnShop = async () => textOf(parseHtml((await visitor.get(`/books/${book.slug}`).expect(200)).text), '.buy-box__price');
  expect(await priceOnShop()).toBe('$15.00');
  expect(await priceOnShop()).toBe('$15.00'); // now from backend-redis's cache

  const { $, token } = await page(admin, `/admin/books/${book.id}/edit`, '#book-form');
  const res = await submit(admin, `/admin/books/${book.id}`, token, { ...formValues($, '#book-form'), price: '9.99' }).expect(303);
  expect(res.headers.location).toBe(`/admin/books/${book.id}/edit?saved=updated`);
  expect(await priceOnShop()).toBe('$9.99');
});

test('editing with bad input keeps the book unchanged and shows the errors', async () => {
  const book = await fixtures.book({ priceCents: 2000 });
  const { token } = await page(admin, `/admin/books/${book.id}/edit`, '#book-form');
  const res = await submit(admin, `/admin/books/${book.id}`, token, { title: book.title, authors: 'A', price: '-3', currency: 'XXX', language: 'english' }).expect(422);
  const $ = parseHtml(res.text);
  expect(errorSummary($).map((item) => item.href)).toEqual(['#price', '#currency', '#language']);
  expect(field($, 'price').value).toBe('-3');
  expect((await fixtures.bookNow(book.id)).priceCents).toBe(2000);
});

test('archive takes the book out of the shop; the list finds it under Archived; restore brings it back', async () => {
  const book = await fixtures.book();
  await shop.request.get(`/books/${book.slug}`).expect(200);
  const { token } = await page(admin, `/admin/books/${book.id}/edit`, `form[action="/admin/books/${book.id}/archive"]`);
  const archived = await submit(admin, `/admin/books/${book.id}/archive`, token, {}).expect(303);
  expect(archived.headers.location).toBe(`/admin/books/${book.id}/edit?saved=archived`);
  await shop.request.get(`/books/${book.slug}`).expect(404);

  const edit = parseHtml((await admin.get(String(archived.headers.location)).expect(200)).text);
  expect(edit('[data-archived]')).toHaveLength(1);
  expect(edit('[data-archive]')).toHaveLength(0);
  const list = parseHtml((await admin.get(`/admin/books?status=archived&q=${encodeURIComponent(book.title)}`).expect(200)).text);
  expect(textsOf(list, '[data-book-rows] [data-edit-link]')).toEqual([book.title]);
  expect(textsOf(list, '[data-state]')).toEqual(['Archived']);
  const active = parseHtml((await admin.get(`/admin/books?q=${encodeURIComponent(book.title)}`).expect(200)).text);
  expect(active('[data-book-rows]')).toHaveLength(0);

  const restoreToken = edit(`form[action="/admin/books/${book.id}/restore"] input[name="_csrf"]`).attr('value');
  await submit(admin, `/admin/books/${book.id}/restore`, restoreToken, {}).expect(303);
  await shop.request.get(`/books/${book.slug}`).expect(200);
});

test('the list: search by title, filter by stock, with links to edit and stock', async () => {
  const scarce = await fixtures.book({ title: `Nearly gone ${randomInt(1e6)}`, stock: 2 });
  const $ = parseHtml((await admin.get(`/admin/books?q=${encodeURIComponent(scarce.title)}&stock=low`).expect(200)).text);
  expect(textsOf($, '[data-edit-link]')).toEqual([scarce.title]);
  expect($(`[data-book-id="${scarce.id}"] a[href="/admin/books/${scarce.id}/stock"]`)).toHaveLength(1);
  const none = parseHtml((await admin.get(`/admin/books?q=${encodeURIComponent(scarce.title)}&stock=out`).expect(200)).text);
  expect(none('[data-no-books]')).toHaveLength(1);
  const bad = await admin.get('/admin/books?status=gone').expect(400);
  expect(errorSummary(parseHtml(bad.text))).toEqual([{ href: '#status', text: 'Choose active, archived or all' }]);
});

describe('stock', () => {
  test('an adjustment with a reason changes the count, shows in the history and in the shop', async () => {
    const book = await fixtures.book({ stock: 3 });
    const visitor = shopper(shop);
    expect(textOf(parseHtml((await visitor.get(`/books/${book.slug}`)).text), '.buy-box__stock')).toMatch(/Only 3 left/);
    const { token } = await page(admin, `/admin/books/${book.id}/stock`);
    const res = await submit(admin, `/admin/books/${book.id}/stock`, token, { delta: '+12', reason: 'restock', note: 'Delivery 4471' }).expect(303);
    const $ = parseHtml((await admin.get(String(res.headers.location)).expect(200)).text);
    expect(textOf($, '[data-notice]')).toBe('Stock changed. Shoppers see the new count now.');
    expect(textOf($, '[data-stock]')).toBe('15');
    const [latest] = $('[data-history-row]').toArray();
    expect($(latest).text().replace(/\s+/g, ' ')).toMatch(/Restock \+12 15 Delivery 4471/);
    expect(textOf(parseHtml((await visitor.get(`/books/${book.slug}`)).text), '.buy-box__stock')).toBe('In stock');
  });

  test('the history shows sales and cancellations beside adjustments', async () => {
    const book = await fixtures.book({ stock: 10 });
    const orderId = await fixtures.paidOrder(book.id, 2);
    const $ = parseHtml((await admin.get(`/admin/books/${book.id}/stock`).expect(200)).text);
    const rows = textsOf($, '[data-history-row]');
    expect(rows[0]).toMatch(new RegExp(`Sold \\(order ${orderId}\\) -2 8`));
    expect(rows[1]).toMatch(/Opening stock \+10 10/);
    expect($(`[data-sale] a[href="/admin/orders/${orderId}"]`)).toHaveLength(1);
  });

  test('bad changes are 422s on the form: zero, no reason, more than is in stock', async () => {
    const book = await fixtures.book({ stock: 4 });
    const { token } = await page(admin, `/admin/books/${book.id}/stock`);
    const zero = parseHtml((await submit(admin, `/admin/books/${book.id}/stock`, token, { delta: '0', reason: '' }).expect(422)).text);
    expect(errorSummary(zero).map((item) => item.href)).toEqual(['#delta', '#reason']);
    expect(field(zero, 'delta')).toMatchObject({ invalid: true, value: '0' });
    const tooMany = parseHtml((await submit(admin, `/admin/books/${book.id}/stock`, token, { delta: '-9', reason: 'damaged' }).expect(422)).text);
    expect(field(tooMany, 'delta').error).toBe('There are only 4 in stock: remove at most that many');
    expect(await fixtures.stockOf(book.id)).toBe(4);
  });
});

test('a book id that is no number, or no book, is the 404 page', async () => {
  await admin.get('/admin/books/abc/edit').expect(404);
  await admin.get('/admin/books/99999999/edit').expect(404);
  await admin.get('/admin/books/99999999/stock').expect(404);
});
