import { buildShop, type TestShop } from './shop';
import { csrfToken, parseHtml, textOf, textsOf } from './html';
import { backendApi } from './stack/fixtures';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

const cookieNames = (res: { headers: Record<string, unknown> }) =>
  ((res.headers['set-cookie'] as string[] | undefined) ?? []).map((c) => c.split('=')[0]);

describe('a book page', () => {
  test('shows the book, its edition, stock, price, reviews and shelves', async () => {
    const { bestseller, alsoBought, reviewWithMarkup } = shop.stack.fixtures;
    const res = await shop.request.get(`/books/${bestseller.slug}`).expect(200);
    const $ = parseHtml(res.text);
    expect(textOf($, 'h1')).toBe(bestseller.title);
    expect($('.book__authors a').first().attr('href')).toMatch(/^\/authors\//);
    expect(textOf($, '[data-price]')).toMatch(/^\$\d+\.\d\d$/);
    expect(textOf($, '[data-stock]')).toBe('In stock');
    expect(textOf($, '[data-isbn]')).toMatch(/^97[89]-\d{1,5}-\d+-\d+-[\dX]$/);
    expect(textOf($, '[data-isbn]').replaceAll('-', '')).toHaveLength(13);
    expect(textsOf($, '.edition dt')).toEqual(expect.arrayContaining(['ISBN-13', 'Language']));
    expect(textOf($, '.reviews__summary')).toContain('4.5 out of 5, from 2 reviews');
    expect($('[data-reviews] .review')).toHaveLength(2);
    expect(textsOf($, '.badge--verified')).toContain('Verified purchase');
    // The review's markup is text on the page, never markup.
    expect($('[data-reviews] script')).toHaveLength(0);
    expect(textsOf($, '.review__body')).toContain(reviewWithMarkup);
    expect(textsOf($, '[aria-labelledby="also-bought"] .book-card__title')).toContain(alsoBought.title);
    expect($('[aria-labelledby="more-by-author"]').length + $('[aria-labelledby="also-bought"]').length).toBeGreaterThan(0);
  });

  test('carries title, meta description, Open Graph and schema.org Book + Offer with availability', async () => {
    const $ = parseHtml((await shop.request.get('/books/pride-and-prejudice').expect(200)).text);
    expect($('title').text()).toBe('Pride and Prejudice by Jane Austen | Bookstore');
    expect($('meta[name="description"]').attr('content')).toMatch(/^Elizabeth Bennet/);
    expect($('meta[property="og:title"]').attr('content')).toBe('Pride and Prejudice');
    expect($('meta[property="og:image"]').attr('content')).toMatch(/^http:\/\/127\.0\.0\.1(:\d+)?\/covers\/\d+\.svg\?v=/);
    const data = JSON.parse($('script[type="application/ld+json"]').text());
    expect(data).toMatchObject({
      '@type': 'Book',
      name: 'Pride and Prejudice',
      isbn: '9780141439518',
      author: [{ '@type': 'Person', name: 'Jane Austen' }],
      offers: { '@type': 'Offer', priceCurrency: 'USD', availability: 'https://schema.org/InStock' },
    });
    expect(textOf($, '[data-isbn]')).toBe('978-0-14-143951-8');
  });

  test('the add-to-cart form posts to /cart/items with a CSRF token, and no session is made for the view', async () => {
    const res = await shop.request.get('/books/pride-and-prejudice').expect(200);
    const $ = parseHtml(res.text);
    const form = $('form.buy-box__form');
    expect(form.attr('action')).toBe('/cart/items');
    expect(form.attr('method')).toBe('post');
    expect(csrfToken($)).toMatch(/^[0-9a-f]+\.[0-9a-f]+$/);
    expect(form.find('input[name="quantity"]').attr('min')).toBe('1');
    expect(cookieNames(res)).toEqual(['bookstore_csrf']);
  });

  test('says "Only N left" and "Out of stock", and offers no cart form without stock', async () => {
    const { lowStock, outOfStock } = shop.stack.fixtures;
    const low = parseHtml((await shop.request.get(`/books/${lowStock.slug}`).expect(200)).text);
    expect(textOf(low, '[data-stock]')).toBe(`Only ${lowStock.stock} left`);
    expect(JSON.parse(low('script[type="application/ld+json"]').text()).offers.availability).toBe('https://schema.org/LimitedAvailability');
    const out = parseHtml((await shop.request.get(`/books/${outOfStock.slug}`).expect(200)).text);
    expect(textOf(out, '[data-stock]')).toBe('Out of stock');
    expect(out('form.buy-box__form')).toHaveLength(0);
    expect(JSON.parse(out('script[type="application/ld+json"]').text()).offers.availability).toBe('https://schema.org/OutOfStock');
  });

  test('an id link redirects to the slug; a missing book is the friendly 404 (JSON when asked)', async () => {
    const { bestseller } = shop.stack.fixtures;
    await shop.request.get(`/books/${bestseller.id}`).expect(301).expect('Location', `/books/${bestseller.slug}`);
    const page = await shop.request.get('/books/no-such-book').expect(404);
    const $ = parseHtml(page.text);
    expect(textOf($, 'h1')).toBe('We could not find that page');
    expect(textOf($, '[data-request-id]')).toBe(page.headers['x-request-id']);
    const json = await shop.request.get('/books/no-such-book').set('Accept', 'application/json').expect(404);
    expect(json.body.error).toMatchObject({ code: 'book_not_found', requestId: json.headers['x-request-id'] });
    await shop.request.get('/books/99999999').expect(404);
    await shop.request.get('/books/pride-and-prejudice?reviews=abc').expect(400);
    await shop.request.get('/books/pride-and-prejudice?reviews=40').expect(404);
  });

  test('a signed-in reader sees the books they viewed recently', async () => {
    const { buyer, bestseller } = shop.stack.fixtures;
    const redis = backendApi(shop.stack.redisUrl, shop.stack.serviceToken);
    const session = await redis<{ sessionId: string }>('POST', '/sessions', { data: { userId: buyer.id, userName: buyer.name } });
    const browser = shop.browser().set('Cookie', `bookstore_session=${session.sessionId}`);
    await browser.get(`/books/${bestseller.slug}`).expect(200);
    // The view is recorded without making the page wait: wait until it is there.
    for (let i = 0; i < 50; i++) {
      const list = await redis<{ bookIds: number[] }>('GET', `/recently-viewed/${buyer.id}`);
      if (list.bookIds.includes(bestseller.id)) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const $ = parseHtml((await browser.get('/books/pride-and-prejudice').expect(200)).text);
    expect(textsOf($, '[aria-labelledby="recently-viewed"] .book-card__title')).toContain(bestseller.title);
    expect(textOf($, '.site-nav')).toContain(buyer.name);
  });
});

describe('covers', () => {
  test('are SVGs drawn from the title, kept for a year, the same each time; an unknown book gets a plain cover', async () => {
    const { bestseller } = shop.stack.fixtures;
    const $ = parseHtml((await shop.request.get(`/books/${bestseller.slug}`).expect(200)).text);
    const src = $('.book__cover img').attr('src')!;
    expect(src).toMatch(new RegExp(`^/covers/${bestseller.id}\\.svg\\?v=[0-9a-f]{8}$`));
    const cover = await shop.request.get(src).expect(200).expect('Content-Type', /image\/svg\+xml/);
    expect(cover.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const svg = cover.body instanceof Buffer ? cover.body.toString() : cover.text;
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    const again = await shop.request.get(src);
    expect(again.body.toString()).toBe(svg);
    const unknown = await shop.request.get('/covers/99999999.svg').expect(200).expect('Content-Type', /svg/);
    expect(unknown.headers['cache-control']).toBe('public, max-age=300');
    await shop.request.get('/covers/not-a-book.svg').expect(200);
  });
});
