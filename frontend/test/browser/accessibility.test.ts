// axe-core on the key pages, at desktop and phone width: no violation of WCAG 2.0, 2.1 or
// 2.2, level A or AA. The cart, checkout and account pages are seen by a signed-in shopper
// with a book in the cart, as a real one would see them.
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';
import { DESKTOP, PHONE } from './chromium';
import { openShopBrowser, type ShopBrowser } from './shop-browser';
import { addToCart, register } from './flows';

let shop: ShopBrowser;

beforeAll(async () => {
  shop = await openShopBrowser();
});
afterAll(() => shop.close());

async function expectNoViolations(page: Page, path: string): Promise<void> {
  await page.goto(path);
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    const violations = await axeViolations(page);
    expect({ path, width: viewport.width, violations }).toEqual({ path, width: viewport.width, violations: [] });
  }
}

test.each([
  ['home', '/'],
  ['catalog', '/books?sort=price-asc&page=2'],
  ['genre', '/genres'],
  ['book', '/books/pride-and-prejudice'],
  ['search', '/search?q=pride+and+prejudise'],
  ['search with no match', '/search?q=zzqxj'],
  ['sign-in', '/sign-in'],
  ['register', '/register'],
])('the %s page has no WCAG 2.2 A/AA violation', async (_name, path) => {
  const { page } = await shop.newShopper();
  await expectNoViolations(page, path);
});

test('the cart, checkout and account pages have no WCAG 2.2 A/AA violation', async () => {
  const { page } = await shop.newShopper();
  await register(page);
  await addToCart(page, shop.stack.fixtures.bestseller.slug, 2);
  await expectNoViolations(page, '/cart');
  await expectNoViolations(page, '/checkout');
  await expectNoViolations(page, '/account');
});

test('a form that failed, with its error summary, has no WCAG 2.2 A/AA violation', async () => {
  const { page } = await shop.newShopper();
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.locator('[data-error-summary]').waitFor();
  for (const viewport of [DESKTOP, PHONE]) {
    await page.setViewportSize(viewport);
    expect(await axeViolations(page)).toEqual([]);
  }
});

test('the check itself sees a violation when there is one (an image without a text alternative)', async () => {
  const { page } = await shop.newShopper();
  await page.goto('/');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = document.querySelector<HTMLLinkElement>('link[rel="icon"]')!.href;
    document.querySelector('main')!.append(img);
  });
  expect((await axeViolations(page)).map((v) => v.id)).toContain('image-alt');
});
