import { buildShop, type TestShop } from './shop';
import { errorSummary, field, parseHtml, textOf, textsOf, type Html } from './html';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

const prices = ($: Html) => textsOf($, '[data-book-list] .price').map((p) => Number(p.replace(/[^0-9.]/g, '')));
const titles = ($: Html) => textsOf($, '[data-book-list] .book-card__title');
const get = async (url: string, status = 200) => parseHtml((await shop.request.get(url).expect(status)).text);

describe('the catalog', () => {
  test('lists a page of books with the count and links to the next pages', async () => {
    const $ = await get('/books');
    expect(textOf($, 'h1')).toBe('All books');
    expect(titles($)).toHaveLength(24);
    expect(textOf($, '[data-results-count]')).toMatch(/^Showing 1–24 of \d+ books$/);
    expect($('.pagination a[rel="next"]').attr('href')).toBe('/books?page=2');
    const second = await get('/books?page=2');
    expect(textOf(second, '[data-results-count]')).toMatch(/^Showing 25–48 of/);
    expect(titles(second)).not.toContain(titles($)[0]);
    expect(second('.pagination a[aria-current="page"]').text()).toContain('2');
  });

  test('sorts by price both ways, and keeps the sort in the paging links', async () => {
    const cheap = prices(await get('/books?sort=price-asc'));
    expect(cheap).toEqual([...cheap].sort((a, b) => a - b));
    const $ = await get('/books?sort=price-desc');
    const dear = prices($);
    expect(dear).toEqual([...dear].sort((a, b) => b - a));
    expect(dear[0]).toBeGreaterThan(cheap[0]!);
    expect($('.pagination a[rel="next"]').attr('href')).toBe('/books?sort=price-desc&page=2');
    expect(field($, 'sort').value).toBe('price-desc');
  });

  test('filters by price range and stock', async () => {
    const ranged = prices(await get('/books?min=5&max=9.99'));
    expect(ranged.length).toBeGreaterThan(0);
    for (const price of ranged) expect(price >= 5 && price <= 9.99).toBe(true);
    const all = await get('/books');
    const inStock = await get('/books?inStock=1');
    const count = ($: Html) => Number(/of (\d+)/.exec(textOf($, '[data-results-count]'))![1]);
    expect(count(inStock)).toBeLessThan(count(all));
    expect(textsOf(inStock, '[data-book-list] .stock')).not.toContain('Out of stock');
    expect(inStock('#inStock').attr('checked')).toBeDefined();
  });

  test('a genre page lists that genre only, as many books as the genre counts', async () => {
    const genres = await get('/genres');
    const classics = genres('.genre-card').filter((_i, el) => genres(el).find('a').text() === 'Classics');
    const expected = Number(/(\d+)/.exec(classics.find('.genre-card__count').text())![1]);
    const $ = await get('/genres/classics');
    expect(textOf($, 'h1')).toBe('Classics');
    expect(textOf($, '[data-results-count]')).toContain(`of ${expected} books`);
    const viaFilter = await get('/books?genre=classics');
    expect(titles(viaFilter)).toEqual(titles($));
  });

  test('an author filter lists only their books, with a way to remove it', async () => {
    const $ = await get('/books?author=jane-austen');
    expect(textsOf($, '[data-book-list] .book-card__authors').every((a) => a.includes('Jane Austen'))).toBe(true);
    expect($('.active-filter a').attr('href')).toBe('/books');
  });

  test('a reversed price range re-renders the form with the error summary, the inline error and what was typed', async () => {
    const res = await shop.request.get('/books?min=20&max=5').expect(400);
    const $ = parseHtml(res.text);
    expect($('title').text()).toMatch(/^Error: /);
    expect(errorSummary($)).toEqual([{ href: '#max', text: 'Maximum price must not be below the minimum price' }]);
    expect(field($, 'max')).toMatchObject({ invalid: true, value: '5', error: 'Maximum price must not be below the minimum price' });
    expect(field($, 'min').value).toBe('20');
  });

  test('bad query input is a 4xx page, never a 500', async () => {
    for (const url of ['/books?page=abc', '/books?page=0', '/books?page=99999999', '/books?min=abc', '/books?sort=random', '/books?genre=%00', '/books?page=1&page=2', '/books?min=%F0%9F']) {
      const res = await shop.request.get(url);
      expect([url, res.status]).toEqual([url, 400]);
      expect(res.text).toContain('Bookstore');
    }
    const $ = parseHtml((await shop.request.get('/books?min=abc').expect(400)).text);
    expect(field($, 'min').error).toBe('Minimum price must be an amount like 5 or 12.50');
  });

  test('a page past the last, an unknown genre or author is the friendly 404 with the request id', async () => {
    for (const url of ['/books?page=500', '/genres/no-such-genre', '/authors/no-such-author', '/genres/Bad%20Slug']) {
      const res = await shop.request.get(url).set('X-Request-Id', 'catalog-test-404-id').expect(404);
      const $ = parseHtml(res.text);
      expect(textOf($, 'h1')).toBe('We could not find that page');
      expect(textOf($, '[data-request-id]')).toBe('catalog-test-404-id');
      expect(res.headers['x-request-id']).toBe('catalog-test-404-id');
    }
  });
});

describe('the author page', () => {
  test('shows the author, their years and their books', async () => {
    const $ = await get('/authors/jane-austen');
    expect(textOf($, 'h1')).toBe('Jane Austen');
    expect(textOf($, '.author-head__years')).toBe('1775–1817');
    expect(titles($)).toEqual(expect.arrayContaining(['Pride and Prejudice', 'Emma', 'Persuasion']));
    expect($('.book-card__title a').first().attr('href')).toMatch(/^\/books\/[a-z0-9-]+$/);
  });
});
