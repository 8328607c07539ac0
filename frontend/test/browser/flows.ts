// What a shopper does on the shop's own pages, through the browser: no request is made
// around the pages, so each step is one a person could take.
import { randomUUID } from 'node:crypto';
import type { Locator, Page } from 'playwright-core';
import { backendApi } from '../stack/fixtures';
import type { ShopStackInfo } from './stack/shop-stack';

export const CARDS = { paid: '4242 4242 4242 4242', declined: '4000 0000 0000 0002' };

export interface Account {
  name: string;
  email: string;
  password: string;
}

export const newAccount = (name = 'Dora Browser'): Account => ({ name, email: `${randomUUID()}@browser-test.example`, password: 'correct horse battery staple' });

export async function expectVisible(locator: Locator): Promise<void> {
  await locator.waitFor({ state: 'visible' });
}

/** From the book's page: the quantity, then "Add to cart"; ends on the cart page. */
export async function addToCart(page: Page, slug: string, quantity = 1): Promise<void> {
  await page.goto(`/books/${slug}`);
  await page.getByLabel('Quantity').fill(String(quantity));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await page.waitForURL((url) => url.pathname === '/cart' && url.searchParams.has('added'));
}

/** On the registration form (wherever it was reached from): ends wherever the shop sends. */
export async function fillRegistration(page: Page, account: Account): Promise<void> {
  await page.getByLabel('Your name').fill(account.name);
  await page.getByLabel('E-mail address').fill(account.email);
  await page.getByLabel('Password').fill(account.password);
  await page.getByRole('button', { name: 'Create account' }).click();
}

export async function register(page: Page, account: Account = newAccount()): Promise<Account> {
  await page.goto('/register');
  await fillRegistration(page, account);
  await page.waitForURL((url) => url.pathname !== '/register');
  return account;
}

export interface Delivery {
  name: string;
  line1: string;
  city: string;
  postalCode: string;
  country: string;
}

export const DELIVERY: Delivery = { name: 'Dora Browser', line1: '12 Chromium Lane', city: 'Headless', postalCode: 'HL1 2AB', country: 'GB' };

/** Fills the checkout form (address and card) without sending it. */
export async function fillCheckout(page: Page, card: string, delivery: Delivery = DELIVERY): Promise<void> {
  await page.getByLabel('Full name').fill(delivery.name);
  await page.getByLabel('Address line 1').fill(delivery.line1);
  await page.getByLabel('Town or city').fill(delivery.city);
  await page.getByLabel('Postal code').fill(delivery.postalCode);
  await page.getByLabel('Country').selectOption(delivery.country);
  await page.getByLabel('Card number').fill(card);
  await page.getByLabel('Month').fill('12');
  await page.getByLabel('Year').fill(String(new Date().getUTCFullYear() + 2));
  await page.getByLabel('Security code').fill('123');
}

export const placeOrderButton = (page: Page) => page.getByRole('button', { name: /^Place order and pay/ });

/** The order page after a checkout: /account/orders/<id>?placed=1. */
export async function waitForPlacedOrder(page: Page): Promise<number> {
  await page.waitForURL((url) => /^\/account\/orders\/\d+$/.test(url.pathname) && url.searchParams.get('placed') === '1');
  return Number(new URL(page.url()).pathname.split('/').pop());
}

/** What backend-rds recorded for an account: its id and its orders (the source of truth). */
export async function recordedOrders(stack: ShopStackInfo, account: Account): Promise<{ userId: number; orders: { id: number; status: string }[] }> {
  const rds = backendApi(stack.rdsUrl, stack.serviceToken);
  const { id: userId } = await rds<{ id: number }>('POST', '/users/verify-credentials', { email: account.email, password: account.password });
  const page = await rds<{ items: { id: number; status: string }[] }>('GET', `/users/${userId}/orders`, undefined, userId);
  return { userId, orders: page.items };
}

export async function userCart(stack: ShopStackInfo, userId: number): Promise<{ bookId: number; quantity: number }[]> {
  const redis = backendApi(stack.redisUrl, stack.serviceToken);
  return (await redis<{ items: { bookId: number; quantity: number }[] }>('GET', `/carts/user/${userId}`)).items;
}
