// The purchase, as a shopper makes it in the browser through nginx: found with a typo, put
// in the cart as a guest, an account made on the way to the checkout (the cart comes
// along), paid with the sandbox card, the order in the account. Then what goes wrong: a
// declined card, a double click on "Place order".
import { backendApi } from '../stack/fixtures';
import { openShopBrowser, type ShopBrowser } from './shop-browser';
import { screenshotPage } from './screenshots';
import {
  CARDS,
  DELIVERY,
  addToCart,
  expectVisible,
  fillCheckout,
  fillRegistration,
  newAccount,
  placeOrderButton,
  recordedOrders,
  register,
  userCart,
  waitForPlacedOrder,
} from './flows';

let shop: ShopBrowser;

beforeAll(async () => {
  shop = await openShopBrowser();
});
afterAll(() => shop.close());

test('a guest finds a book with a typo, adds it to the cart, registers at checkout, pays and sees the order', async () => {
  const { page, problems } = await shop.newShopper();
  await page.goto('/');
  await page.getByLabel('Search books by title or author').fill('pride and prejudise');
  await page.getByLabel('Search books by title or author').press('Enter');
  await page.waitForURL('**/search?q=pride+and+prejudise');
  await page.getByRole('link', { name: 'Pride and Prejudice' }).first().click();
  await page.waitForURL('**/books/pride-and-prejudice');
  const price = (await page.locator('[data-price]').textContent())!;

  await page.getByLabel('Quantity').fill('2');
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL((url) => url.pathname === '/cart');
  await expectVisible(page.locator('[data-added]').getByRole('link', { name: 'Pride and Prejudice' }));
  await expect(page.locator('[data-cart-count]').textContent()).resolves.toMatch(/^2\b/);
  const line = page.locator('[data-cart-lines] .cart-line');
  await expect(line.count()).resolves.toBe(1);
  await expect(line.getByLabel(/^Quantity/).inputValue()).resolves.toBe('2');
  const subtotal = (await page.locator('[data-subtotal]').textContent())!;
  expect(cents(subtotal)).toBe(2 * cents(price));
  await screenshotPage(page, 'cart');

  // A guest's checkout goes through sign-in, which offers to make an account instead.
  await page.getByRole('link', { name: 'Check out' }).click();
  await page.waitForURL((url) => url.pathname === '/sign-in' && url.searchParams.get('returnTo') === '/checkout');
  await screenshotPage(page, 'sign-in');
  await page.getByRole('link', { name: 'Create an account' }).click();
  await page.waitForURL((url) => url.pathname === '/register');
  await screenshotPage(page, 'register');
  const account = newAccount();
  await fillRegistration(page, account);

  // Back to the checkout, signed in, with the guest's cart merged into the new account's.
  await page.waitForURL((url) => url.pathname === '/checkout');
  await expectVisible(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: account.name }));
  const summaryLines = page.locator('[data-summary-lines] .summary-line');
  await expect(summaryLines.count()).resolves.toBe(1);
  await expect(summaryLines.first().textContent()).resolves.toMatch(/Pride and Prejudice\s*× 2/);
  const { userId } = await recordedOrders(shop.stack, account);
  const book = await page.evaluate(() => Number(document.querySelector('[data-summary-lines] [data-book-id]')?.getAttribute('data-book-id')));
  await expect(userCart(shop.stack, userId)).resolves.toEqual([expect.objectContaining({ bookId: book, quantity: 2 })]);
  await expect(page.locator('[data-sandbox-cards]').textContent()).resolves.toContain(CARDS.paid);
  await fillCheckout(page, CARDS.paid);
  await screenshotPage(page, 'checkout');
  await placeOrderButton(page).click();

  const orderId = await waitForPlacedOrder(page);
  await expectVisible(page.getByRole('heading', { name: 'Thank you: your order is placed' }));
  await expect(page.locator('[data-status]').textContent()).resolves.toBe('Paid');
  await expect(page.locator('[data-order-total]').textContent()).resolves.toBe(subtotal.trim());
  await expect(page.locator('[data-address]').textContent()).resolves.toContain(DELIVERY.line1);
  await screenshotPage(page, 'order-placed');
  // The cart was emptied by the order.
  await expect(page.locator('[data-cart-count]').count()).resolves.toBeLessThanOrEqual(1);
  await expect(page.locator('[data-cart-count]').textContent().catch(() => '0')).resolves.toMatch(/^0\b|^$/);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: account.name }).click();
  await page.waitForURL('**/account');
  const row = page.locator(`[data-orders] [data-order-id="${orderId}"]`);
  await expect(row.locator('[data-status]').textContent()).resolves.toBe('Paid');
  await screenshotPage(page, 'account');
  await expect(recordedOrders(shop.stack, account)).resolves.toMatchObject({ orders: [{ id: orderId, status: 'paid' }] });
  expect(problems).toEqual([]);
});

test('signing in merges the guest cart into the cart the account already had, once', async () => {
  const first = await shop.newShopper();
  const account = await register(first.page);
  await addToCart(first.page, shop.stack.fixtures.alsoBought.slug, 1);
  await first.context.close();

  const guest = await shop.newShopper();
  await addToCart(guest.page, shop.stack.fixtures.bestseller.slug, 2);
  await guest.page.goto('/sign-in?returnTo=%2Fcart');
  await guest.page.getByLabel('E-mail address').fill(account.email);
  await guest.page.getByLabel('Password').fill(account.password);
  await guest.page.getByRole('button', { name: 'Sign in' }).click();
  await guest.page.waitForURL((url) => url.pathname === '/cart');
  const titles = await guest.page.locator('[data-cart-lines] .cart-line__title').allTextContents();
  expect(titles.map((t) => t.trim()).sort()).toEqual([shop.stack.fixtures.alsoBought.title, shop.stack.fixtures.bestseller.title].sort());
  await expect(guest.page.locator('[data-cart-count]').textContent()).resolves.toMatch(/^3\b/);

  // Signing out and in again merges nothing more: the guest cart was consumed.
  await guest.page.goto('/account');
  await guest.page.getByRole('button', { name: 'Sign out' }).click();
  await guest.page.waitForURL((url) => url.pathname === '/');
  await guest.page.goto('/sign-in?returnTo=%2Fcart');
  await guest.page.getByLabel('E-mail address').fill(account.email);
  await guest.page.getByLabel('Password').fill(account.password);
  await guest.page.getByRole('button', { name: 'Sign in' }).click();
  await guest.page.waitForURL((url) => url.pathname === '/cart');
  await expect(guest.page.locator('[data-cart-count]').textContent()).resolves.toMatch(/^3\b/);
  expect(guest.problems).toEqual([]);
});

test('a declined card shows its message on the same form, with what was typed kept and no order made', async () => {
  const { page, problems } = await shop.newShopper();
  const account = await register(page);
  const { slug } = shop.stack.fixtures.bestseller;
  const stockBefore = await stockOf(slug);
  await addToCart(page, slug, 1);
  await page.goto('/checkout');
  await fillCheckout(page, CARDS.declined);
  await placeOrderButton(page).click();

  const summary = page.locator('[data-error-summary]');
  await expectVisible(summary);
  expect(page.url()).toMatch(/\/checkout$/);
  await expect(page.title()).resolves.toMatch(/^Error: /);
  const item = summary.getByRole('link', { name: /Your card was declined/ });
  await expect(item.getAttribute('href')).resolves.toBe('#cardNumber');
  // The summary takes the focus, so a screen reader reads the problem first.
  await expect(page.evaluate(() => document.activeElement?.hasAttribute('data-error-summary'))).resolves.toBe(true);
  await expect(page.locator('#cardNumber-error').textContent()).resolves.toMatch(/Your card was declined/);
  await expect(page.getByLabel('Card number').getAttribute('aria-invalid')).resolves.toBe('true');
  for (const [label, value] of [
    ['Full name', DELIVERY.name],
    ['Address line 1', DELIVERY.line1],
    ['Town or city', DELIVERY.city],
    ['Postal code', DELIVERY.postalCode],
    ['Country', DELIVERY.country],
  ]) {
    await expect(page.getByLabel(label!).inputValue()).resolves.toBe(value);
  }
  await screenshotPage(page, 'checkout-declined');
  // The link takes the shopper to the field to correct.
  await item.click();
  await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('cardNumber');
  // backend-rds keeps the declined attempt for the record, never as a paid order, and it takes no stock.
  const { orders } = await recordedOrders(shop.stack, account);
  expect(orders.filter((o) => o.status === 'paid')).toEqual([]);
  await expect(stockOf(slug)).resolves.toBe(stockBefore);
  expect(problems.filter((p) => !/status of 422/.test(p))).toEqual([]);
});

test('a double click on "Place order" makes one order', async () => {
  const { page, problems } = await shop.newShopper();
  const account = await register(page);
  await addToCart(page, shop.stack.fixtures.bestseller.slug, 1);
  await page.goto('/checkout');
  await fillCheckout(page, CARDS.paid);
  await placeOrderButton(page).dblclick();
  const orderId = await waitForPlacedOrder(page);
  await expect(page.locator('[data-status]').textContent()).resolves.toBe('Paid');
  await expect(recordedOrders(shop.stack, account).then((r) => r.orders.map((o) => o.id))).resolves.toEqual([orderId]);

  // Back to the form and sending it again shows the same order, never a second one.
  await page.goBack();
  await page.waitForURL((url) => url.pathname !== `/account/orders/${orderId}`);
  if (new URL(page.url()).pathname === '/checkout' && (await placeOrderButton(page).count()) > 0) {
    await placeOrderButton(page).click();
    await page.waitForURL((url) => url.pathname !== '/checkout');
  }
  await expect(recordedOrders(shop.stack, account).then((r) => r.orders.map((o) => o.id))).resolves.toEqual([orderId]);
  expect(problems).toEqual([]);
});

test('the checkout form sent twice at once (a double click without the page script) makes one order', async () => {
  const { page, context } = await shop.newShopper();
  const account = await register(page);
  await addToCart(page, shop.stack.fixtures.bestseller.slug, 1);
  await page.goto('/checkout');
  await fillCheckout(page, CARDS.paid);
  // Exactly what the browser would send, twice, with the page's cookies.
  const form = await page.locator('[data-checkout-form]').evaluate((el: HTMLFormElement) => Object.fromEntries(new FormData(el) as unknown as Iterable<[string, string]>));
  const [first, second] = await Promise.all(
    [1, 2].map(() => context.request.post('/checkout', { form, maxRedirects: 0, headers: { origin: shop.stack.shopUrl } })),
  );
  expect([first!.status(), second!.status()]).toEqual([303, 303]);
  const placed = new URL(first!.headers().location!, shop.stack.shopUrl).pathname;
  expect(new URL(second!.headers().location!, shop.stack.shopUrl).pathname).toBe(placed);
  const { orders } = await recordedOrders(shop.stack, account);
  expect(orders.map((o) => `/account/orders/${o.id}`)).toEqual([placed]);
  await page.goto(placed);
  await expect(page.locator('[data-status]').textContent()).resolves.toBe('Paid');
});

async function stockOf(slug: string): Promise<number> {
  return (await backendApi(shop.stack.rdsUrl, shop.stack.serviceToken)<{ stock: number }>('GET', `/books/${slug}`)).stock;
}

function cents(text: string): number {
  return Math.round(Number(text.replace(/[^0-9.]/g, '')) * 100);
}
