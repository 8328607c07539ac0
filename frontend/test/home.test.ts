import { buildShop, type TestShop } from './shop';
import { parseHtml, textOf, textsOf } from './html';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

test('the home page shows this week\'s bestsellers, new arrivals and the genres', async () => {
  const res = await shop.request.get('/').expect(200).expect('Content-Type', /html/);
  const $ = parseHtml(res.text);
  expect($('main').length).toBe(1);
  expect(textOf($, 'h1')).toBe('Find your next good book');
  const bestsellers = textsOf($, '[aria-labelledby="bestsellers"] .book-card__title');
  expect(bestsellers[0]).toBe(shop.stack.fixtures.bestseller.title);
  expect($('[aria-labelledby="new-arrivals"] .book-card').length).toBe(6);
  expect(textsOf($, '.genre-chip__name')).toContain('Classics');
});
