// A guest browsing: home → catalog (filters, sorts, pages) → genre → author → book, the
// header search with a typo, suggestions, the "/" shortcut, and the pages for nothing found.
import { openShopBrowser, type ShopBrowser } from './shop-browser';
import { screenshotPage } from './screenshots';

let shop: ShopBrowser;

beforeAll(async () => {
  shop = await openShopBrowser();
});
afterAll(() => shop.close());

test('a guest goes from the home page through the catalog, a genre and an author to a book', async () => {
  const { page, problems } = await shop.newShopper();
  await page.goto('/');
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Find your next good book' }));
  const bestsellers = page.locator('section[aria-labelledby="bestsellers"] .book-card__title a');
  // The bestseller of the fixtures (5 copies this week) comes first.
  expect(await bestsellers.first().textContent()).toBe(shop.stack.fixtures.bestseller.title);
  await screenshotPage(page, 'home');

  await page.getByRole('link', { name: 'Browse all books' }).click();
  await page.waitForURL('**/books');
  await expectVisible(page.getByRole('heading', { level: 1, name: 'All books' }));
  // The filter form is a GET form: its choices become a shareable URL.
  await page.getByLabel('Sort by').selectOption('price-asc');
  await page.getByLabel('In stock only').check();
  await page.getByRole('button', { name: 'Show books' }).click();
  await page.waitForURL((url) => url.searchParams.get('sort') === 'price-asc' && url.searchParams.get('inStock') === '1');
  const prices = await page.locator('[data-book-list] .price').allTextContents();
  const cents = prices.map((text) => Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100));
  expect(cents.length).toBeGreaterThan(5);
  expect(cents).toEqual([...cents].sort((a, b) => a - b));
  await expect(page.locator('[data-book-list] .stock--out').count()).resolves.toBe(0);
  await page.getByRole('link', { name: 'Next page' }).click();
  await page.waitForURL((url) => url.searchParams.get('page') === '2' && url.searchParams.get('sort') === 'price-asc');
  await screenshotPage(page, 'catalog');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Genres' }).click();
  await page.waitForURL('**/genres');
  const firstGenre = page.locator('.genre-card__name a').first();
  const genreName = (await firstGenre.textContent())!.trim();
  await firstGenre.click();
  await expectVisible(page.getByRole('heading', { level: 1, name: genreName }));
  await screenshotPage(page, 'genre');

  await page.locator('[data-book-list] .book-card__title a').first().click();
  await page.waitForURL('**/books/*');
  const authorLink = page.locator('.book__authors a').first();
  const authorName = (await authorLink.textContent())!.trim();
  await authorLink.click();
  await expectVisible(page.getByRole('heading', { level: 1, name: authorName }));
  await screenshotPage(page, 'author');
  expect(problems).toEqual([]);
});

test('a typo in the header search still finds the book, whose page says what a shopper needs', async () => {
  const { page, problems } = await shop.newShopper();
  await page.goto('/');
  await page.getByLabel('Search books by title or author').fill('pride and prejudise');
  await page.getByRole('search').getByRole('button', { name: 'Search' }).click();
  await page.waitForURL((url) => url.pathname === '/search' && url.searchParams.get('q') === 'pride and prejudise');
  const firstHit = page.locator('[data-search-results] .search-hit__title a').first();
  expect(await firstHit.textContent()).toBe('Pride and Prejudice');
  await screenshotPage(page, 'search');

  await firstHit.click();
  await page.waitForURL('**/books/pride-and-prejudice');
  await expectVisible(page.getByRole('heading', { level: 1, name: 'Pride and Prejudice' }));
  await expectVisible(page.getByRole('link', { name: 'Jane Austen' }).first());
  expect(await page.locator('[data-price]').textContent()).toMatch(/^\$\d+\.\d{2}$/);
  expect(await page.locator('[data-stock]').textContent()).toMatch(/In stock|Only \d+ left/);
  expect(await page.locator('[data-isbn]').textContent()).toMatch(/^978-\d+-\d+-\d+-\d$/);
  // The cover is ours (an SVG made from the title), and it loaded.
  const cover = page.getByRole('img', { name: 'Cover of Pride and Prejudice' });
  expect(await cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  expect(new URL((await cover.getAttribute('src'))!, shop.stack.shopUrl).origin).toBe(shop.stack.shopUrl);
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!);
  expect(jsonLd).toMatchObject({ '@type': 'Book', name: 'Pride and Prejudice', offers: { '@type': 'Offer' } });
  await expectVisible(page.getByRole('button', { name: 'Add to cart' }));
  await screenshotPage(page, 'book');
  expect(problems).toEqual([]);
});

test('suggestions appear while typing; arrow down and Enter open the book', async () => {
  const { page, problems } = await shop.newShopper();
  await page.goto('/books');
  const search = page.getByRole('combobox', { name: 'Search books by title or author' });
  await search.click();
  await search.pressSequentially('pride and', { delay: 20 });
  const option = page.getByRole('option', { name: /Pride and Prejudice/ });
  await expectVisible(option);
  await expect(search.getAttribute('aria-expanded')).resolves.toBe('true');
  await search.press('ArrowDown');
  await expect(search.getAttribute('aria-activedescendant')).resolves.toBeTruthy();
  // The first suggestion is the one highlighted; make sure it is the book before opening it.
  const firstTitle = await page.locator('[role="option"]').first().locator('.suggestions__title').textContent();
  await search.press('Enter');
  await page.waitForURL('**/books/*');
  await expectVisible(page.getByRole('heading', { level: 1, name: firstTitle! }));
  expect(problems).toEqual([]);
});

test('"/" focuses the search box unless the shopper is typing somewhere', async () => {
  const { page } = await shop.newShopper();
  await page.goto('/books');
  await page.keyboard.press('/');
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('site-search');
  await page.getByLabel('From').focus();
  await page.keyboard.press('/');
  await expect(page.getByLabel('From').inputValue()).resolves.toBe('/');
});

test('nothing found: a search with no match suggests a way on; an unknown book is the friendly 404', async () => {
  const { page } = await shop.newShopper();
  await page.goto('/search?q=zzqxj');
  await expectVisible(page.getByRole('heading', { name: 'Nothing matches “zzqxj”' }));
  await expectVisible(page.getByRole('heading', { name: 'Or browse a genre' }));
  await screenshotPage(page, 'search-none');

  const response = await page.goto('/books/no-such-book');
  expect(response?.status()).toBe(404);
  await expectVisible(page.getByLabel('Search books by title or author'));
  expect(await page.locator('.site-footer__request code').textContent()).toMatch(/^[0-9a-f]{32}$/);
  await screenshotPage(page, 'not-found');
});

async function expectVisible(locator: import('playwright-core').Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}
