import { buildShop, type TestShop } from './shop';
import { errorSummary, field, parseHtml, textOf } from './html';
import { backends, newAccount, openForm, placeOrderFor, register, shopper, spareBooks, type Agent, type SpareBook } from './shopper';

let shop: TestShop;
let api: ReturnType<typeof backends>;
/** A book of its own for each test (see spareBooks): one copy bought, reviews of its own. */
let nextBook: () => SpareBook;
beforeAll(async () => {
  shop = buildShop();
  api = backends(shop);
  nextBook = await spareBooks(shop, 'reviews');
});
afterAll(() => shop.close());

/** A signed-in reader with a paid order of a book of the test's own. */
async function buyer(name = 'Rita Reviewer'): Promise<{ agent: Agent; book: SpareBook }> {
  const agent = shopper(shop);
  const { account } = await register(agent, newAccount(name));
  const book = nextBook();
  await placeOrderFor(shop, await api.userId(account), [{ bookId: book.id, quantity: 1 }]);
  return { agent, book };
}

const reviewForm = async (agent: Agent, book: SpareBook) => openForm(agent, `/books/${book.slug}`, 'form[data-review-form]');
const post = (agent: Agent, book: SpareBook, token: string, body: Record<string, unknown>) =>
  agent.post(`/books/${book.slug}/reviews`).type('form').send({ _csrf: token, ...body });

test('the form shows only for a signed-in buyer of the book, marked "verified purchase"', async () => {
  const { agent, book } = await buyer();
  const guest = parseHtml((await shopper(shop).get(`/books/${book.slug}`).expect(200)).text);
  expect(guest('form[data-review-form]').length).toBe(0);

  const reader = shopper(shop);
  await register(reader);
  expect(parseHtml((await reader.get(`/books/${book.slug}`).expect(200)).text)('form[data-review-form]').length).toBe(0);

  const { $ } = await reviewForm(agent, book);
  const form = $('form[data-review-form]');
  expect(form.attr('action')).toBe(`/books/${book.slug}/reviews`);
  expect(textOf($, 'form[data-review-form] .badge--verified')).toBe('Verified purchase');
  expect($('form[data-review-form] input[name="rating"]').length).toBe(5);
  expect(field($, 'title').label).toBe('Title (optional)');
  expect($('#body').is('textarea')).toBe(true);
});

test('a review is posted (303 to the reviews) and shows as a verified purchase; a second one is refused with a message', async () => {
  const { agent, book } = await buyer('Vera Verified');
  const { token } = await reviewForm(agent, book);
  const res = await post(agent, book, token, { rating: '4', title: 'A fine read', body: 'Witty and warm.\nRead it twice.' }).expect(303);
  expect(res.headers.location).toBe(`/books/${book.slug}#reviews`);
  const $ = parseHtml((await agent.get(`/books/${book.slug}`).expect(200)).text);
  const mine = $('[data-reviews] .review').filter((_i, el) => $(el).text().includes('Vera Verified')).first();
  expect(mine.find('.review__title').text()).toBe('A fine read');
  expect(mine.find('.badge--verified').text()).toBe('Verified purchase');
  // The book's rating summary (a cached copy of the book) counts it at once.
  expect(textOf($, '.reviews__summary')).toContain('out of 5, from');

  const again = await post(agent, book, token, { rating: '2', title: 'Changed my mind' }).expect(422);
  const page = parseHtml(again.text);
  expect(page('title').text()).toBe(`Error: Review ${book.title} | Bookstore`);
  expect(errorSummary(page)).toEqual([{ href: '#rating', text: 'You have already reviewed this book: one review per reader' }]);
  expect(field(page, 'title').value).toBe('Changed my mind');
});

test.each<[string, Record<string, unknown>, Record<string, string>]>([
  ['no rating', { title: 'Hmm' }, { rating: 'Choose a rating from 1 to 5 stars' }],
  ['a rating of 6', { rating: '6' }, { rating: 'Choose a rating from 1 to 5 stars' }],
  ['a huge rating', { rating: '99999999999999999999' }, { rating: 'Choose a rating from 1 to 5 stars' }],
  ['arrays', { rating: ['5', '1'], title: ['a', 'b'] }, { rating: 'Choose a rating from 1 to 5 stars', title: 'Enter text only' }],
  ['NUL bytes', { rating: '5', title: 'Nice\u0000', body: 'x\u0000y' }, { title: 'Remove the unusual characters', body: 'Remove the unusual characters' }],
  ['a body too long', { rating: '5', body: 'b'.repeat(5001) }, { body: 'Enter a review of at most 5000 characters' }],
])('%s: the form again (422) with the error summary, what was typed kept', async (_what, body, expected) => {
  const { agent, book } = await buyer();
  const { token } = await reviewForm(agent, book);
  const res = await post(agent, book, token, body).expect(422);
  const $ = parseHtml(res.text);
  expect($('title').text()).toMatch(/^Error: /);
  expect(errorSummary($)).toEqual(Object.entries(expected).map(([id, text]) => ({ href: `#${id}`, text })));
  for (const [id, text] of Object.entries(expected)) {
    if (id !== 'rating') expect(field($, id)).toMatchObject({ invalid: true, error: text });
  }
  expect(textOf($, '#rating-error').replace('Error:', '').trim()).toBe(expected.rating ?? '');
});

test('a reader who did not buy the book cannot post one (403); a guest is sent to sign in', async () => {
  const { book } = await buyer();
  const reader = shopper(shop);
  await register(reader);
  const { token } = await openForm(reader, '/account', 'form[action="/sign-out"]');
  await post(reader, book, token, { rating: '5' }).expect(403);

  const guest = shopper(shop);
  const { token: guestToken } = await openForm(guest, `/books/${book.slug}`, 'form[action="/cart/items"]');
  await post(guest, book, guestToken, { rating: '5' }).expect(303).expect('Location', `/sign-in?returnTo=%2Fbooks%2F${book.slug}`);
});

test('the review form is refused (403 page) without its token or with a wrong one', async () => {
  const { agent, book } = await buyer();
  const { token } = await reviewForm(agent, book);
  for (const sent of [undefined, `${token.slice(0, -2)}${token.endsWith("00") ? "11" : "00"}`]) {
    const res = await agent.post(`/books/${book.slug}/reviews`).type('form').send({ rating: '5', ...(sent && { _csrf: sent }) }).expect(403);
    expect(textOf(parseHtml(res.text), 'h1')).toBe('That is not allowed');
  }
});
