// The whole purchase with the keyboard alone: Tab to move, Enter or Space to follow a link
// or press a button, and typing into fields. No mouse click, no script calling the page.
import type { Page } from 'playwright-core';
import { openShopBrowser, type ShopBrowser } from './shop-browser';
import { CARDS, DELIVERY, newAccount, recordedOrders, waitForPlacedOrder } from './flows';

let shop: ShopBrowser;

beforeAll(async () => {
  shop = await openShopBrowser();
});
afterAll(() => shop.close());

interface Focused {
  tag: string;
  id: string;
  text: string;
  /** The focus ring is drawn (an outline or a box shadow), so a sighted user sees where it is. */
  ringVisible: boolean;
}

const focused = (page: Page) =>
  page.evaluate((): Focused => {
    const el = document.activeElement as HTMLElement | null;
    const style = el ? getComputedStyle(el) : null;
    return {
      tag: el?.tagName.toLowerCase() ?? '',
      id: el?.id ?? '',
      text: (el?.innerText || el?.getAttribute('aria-label') || '').replace(/\s+/g, ' ').trim(),
      ringVisible: Boolean(style && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none')),
    };
  });

/** Presses Tab until the focused element is the one wanted; fails after `max` presses. */
async function tabTo(page: Page, wanted: (f: Focused) => boolean, what: string, max = 80): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    if (wanted(now)) {
      expect({ what, ringVisible: now.ringVisible }).toEqual({ what, ringVisible: true });
      return;
    }
    seen.push(`${now.tag}#${now.id} "${now.text.slice(0, 30)}"`);
  }
  throw new Error(`Tab never reached ${what} on ${page.url()}; went through:\n${seen.join('\n')}`);
}

const byId = (id: string) => (f: Focused) => f.id === id;
const byText = (tag: string, text: RegExp) => (f: Focused) => f.tag === tag && text.test(f.text);

async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, byId(id), `#${id}`);
  await page.keyboard.type(text);
}

test('a shopper buys a book with the keyboard alone, from the home page to the order in the account', async () => {
  const { page, problems } = await shop.newShopper();
  await page.goto('/');

  // The first Tab shows the skip link.
  await tabTo(page, byText('a', /^Skip to content$/), 'the skip link', 1);
  await typeInto(page, 'site-search', 'pride and prejudise');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/search');

  await tabTo(page, byText('a', /^Pride and Prejudice$/), 'the search hit');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/books/pride-and-prejudice');

  await tabTo(page, byText('button', /^Add to cart$/), 'Add to cart');
  await page.keyboard.press('Space');
  await page.waitForURL((url) => url.pathname === '/cart');

  await tabTo(page, byText('a', /^Check out$/), 'Check out');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/sign-in');
  await tabTo(page, byText('a', /^Create an account$/), 'Create an account');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/register');

  const account = newAccount('Kim Keyboard');
  await typeInto(page, 'name', account.name);
  await typeInto(page, 'email', account.email);
  await typeInto(page, 'password', account.password);
  await tabTo(page, byText('button', /^Create account$/), 'Create account');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/checkout');

  // The name comes filled in from the account.
  await tabTo(page, byId('name'), '#name');
  await expect(page.locator('#name').inputValue()).resolves.toBe(account.name);
  await typeInto(page, 'line1', DELIVERY.line1);
  await typeInto(page, 'city', DELIVERY.city);
  await typeInto(page, 'postalCode', DELIVERY.postalCode);
  // A closed select picks the option whose name is typed.
  await typeInto(page, 'country', 'United Kingdom');
  await expect(page.locator('#country').inputValue()).resolves.toBe('GB');
  await typeInto(page, 'cardNumber', CARDS.paid);
  await typeInto(page, 'expMonth', '12');
  await typeInto(page, 'expYear', String(new Date().getUTCFullYear() + 3));
  await typeInto(page, 'cvc', '123');
  await tabTo(page, byText('button', /^Place order and pay/), 'Place order');
  await page.keyboard.press('Enter');
  const orderId = await waitForPlacedOrder(page);

  await tabTo(page, byText('a', /^All your orders$/), 'All your orders');
  await page.keyboard.press('Enter');
  await page.waitForURL((url) => url.pathname === '/account');
  await expect(page.locator(`[data-order-id="${orderId}"] [data-status]`).textContent()).resolves.toBe('Paid');
  await expect(recordedOrders(shop.stack, account)).resolves.toMatchObject({ orders: [{ id: orderId, status: 'paid' }] });
  expect(problems).toEqual([]);
});
