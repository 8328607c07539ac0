import { buildShop, type TestShop } from './shop';
import { errorSummary, field, parseHtml, textOf, textsOf } from './html';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

describe('search', () => {
  test('a typo still finds the book first, with the match highlighted', async () => {
    const $ = parseHtml((await shop.request.get('/search?q=pride+and+prejudise').expect(200)).text);
    expect(textsOf($, '.search-hit__title')[0]).toBe('Pride and Prejudice');
    expect($('.search-hit__title mark').length).toBeGreaterThan(0);
    expect(field($, 'q').value).toBe('pride and prejudise');
    expect($('#site-search').attr('value')).toBe('pride and prejudise');
  });

  test('snippets carry only <mark> markup, and paging links keep the query', async () => {
    const first = parseHtml((await shop.request.get('/search?q=war').expect(200)).text);
    const snippets = first('[data-search-results] .search-hit__snippet');
    expect(snippets.length).toBeGreaterThan(0);
    snippets.find('*').each((_i, el) => expect((el as { tagName: string }).tagName).toBe('mark'));
    const next = first('.pagination a[rel="next"]').attr('href');
    if (next) {
      expect(next).toBe('/search?q=war&page=2');
      const second = parseHtml((await shop.request.get(next).expect(200)).text);
      expect(textsOf(second, '.search-hit__title')[0]).not.toBe(textsOf(first, '.search-hit__title')[0]);
    }
  });

  test('nothing matching is a helpful page: tips and genres to browse', async () => {
    const $ = parseHtml((await shop.request.get('/search?q=zzqxjvvk').expect(200)).text);
    expect(textOf($, '[data-no-results] h2')).toBe('Nothing matches “zzqxjvvk”');
    expect(textsOf($, '.genre-chip__name')).toContain('Classics');
    const punctuation = parseHtml((await shop.request.get('/search?q=%21%21%21').expect(200)).text);
    expect(punctuation('[data-no-results]')).toHaveLength(1);
  });

  test('an empty search shows the form; bad input is a 400 with the error summary, never a 500', async () => {
    const empty = parseHtml((await shop.request.get('/search').expect(200)).text);
    expect(field(empty, 'q').exists).toBe(true);
    const nul = await shop.request.get('/search?q=pride%00prejudice').expect(400);
    const $ = parseHtml(nul.text);
    expect(errorSummary($)).toEqual([{ href: '#q', text: 'The search contains characters we cannot look for' }]);
    expect(field($, 'q').invalid).toBe(true);
    await shop.request.get(`/search?q=${'a'.repeat(201)}`).expect(400);
    await shop.request.get('/search?q=a&q=b').expect(400);
    expect((await shop.request.get('/search?q=%ED%A0%80')).status).toBeLessThan(500);
    await shop.request.get('/search?q=pride&page=abc').expect(400);
    await shop.request.get('/search?q=pride&page=300').expect(404);
  });

  test('suggestions while typing come as JSON from our own route', async () => {
    const res = await shop.request.get('/search/suggest?q=pride+and+pre').expect(200).expect('Content-Type', /json/);
    expect(res.body.items[0]).toEqual({ title: 'Pride and Prejudice', authorNames: 'Jane Austen', url: '/books/pride-and-prejudice' });
    await shop.request.get('/search/suggest?q=p').expect(200, { items: [] });
    const bad = await shop.request.get('/search/suggest?q=%00').set('Accept', 'application/json').expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
