import { buildShop, type TestShop } from './shop';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

test('robots.txt points at the sitemap and keeps crawlers out of carts and searches', async () => {
  const res = await shop.request.get('/robots.txt').expect(200).expect('Content-Type', /text\/plain/);
  expect(res.text).toMatch(/^Sitemap: http:\/\/127\.0\.0\.1(:\d+)?\/sitemap\.xml$/m);
  expect(res.text).toMatch(/^Disallow: \/cart$/m);
});

test('sitemap.xml lists every book, genre and author', async () => {
  const res = await shop.request.get('/sitemap.xml').expect(200).expect('Content-Type', /xml/);
  const locations = [...res.text.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
  const books = locations.filter((path) => path.startsWith('/books/'));
  const catalog = await fetch(`${shop.stack.rdsUrl}/books?pageSize=1`, { headers: { authorization: `Bearer ${shop.stack.serviceToken}` } });
  expect(books).toHaveLength(((await catalog.json()) as { total: number }).total);
  expect(locations).toEqual(expect.arrayContaining(['/', '/books/pride-and-prejudice', '/genres/classics', '/authors/jane-austen']));
  expect(new Set(locations).size).toBe(locations.length);
});
