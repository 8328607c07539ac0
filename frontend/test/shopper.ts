import { randomBytes, randomUUID } from 'node:crypto';
import supertest from 'supertest';
import type { TestShop } from './shop';
import { csrfToken, parseHtml, type Html } from './html';
import { SANDBOX_CARD, backendApi, writeAs } from './stack/fixtures';

export type Agent = ReturnType<typeof supertest.agent>;

/**
 * A shopper: a browser that keeps its cookies, coming from an address of its own (nginx's
 * X-Forwarded-For, believed for one hop), so the rate limits of one test never count
 * another's attempts.
 */
export function shopper(shop: TestShop): Agent {
  const [a, b, c] = randomBytes(3);
  return shop.browser().set('X-Forwarded-For', `10.${a}.${b}.${c}`);
}

/** The session id in the agent's cookie jar (what backend-redis knows the visitor by). */
export function sessionIdOf(agent: Agent): string {
  const cookie = agent.jar.getCookie('bookstore_session', { domain: '127.0.0.1', path: '/', secure: false, script: false });
  if (!cookie?.value) throw new Error('no session cookie');
  return cookie.value;
}

/** Opens a page and returns its parsed HTML and the CSRF token of its (first matching) form. */
export async function openForm(agent: Agent, url: string, formSelector = 'main form[method="post"]'): Promise<{ $: Html; token: string }> {
  const res = await agent.get(url);
  if (res.status !== 200) throw new Error(`GET ${url} → ${res.status}`);
  const $ = parseHtml(res.text);
  const token = csrfToken($, formSelector);
  if (!token) throw new Error(`no form ${formSelector} with a CSRF token on ${url}`);
  return { $, token };
}

/** Adds a book to the cart through the book page's own form. */
export async function addToCart(agent: Agent, slug: string, quantity: number): Promise<void> {
  const { $, token } = await openForm(agent, `/books/${slug}`, 'form[action="/cart/items"]');
  const bookId = $('form[action="/cart/items"] input[name="bookId"]').attr('value');
  await agent.post('/cart/items').type('form').send({ _csrf: token, bookId, quantity: String(quantity) }).expect(303);
}

export interface Account {
  email: string;
  password: string;
  name: string;
}

export const newAccount = (name = 'Cara Shopper'): Account => ({
  email: `${randomUUID()}@shopper.example`,
  password: 'correct horse battery',
  name,
});

/** Registers through the shop's form; the agent is then signed in. */
export async function register(agent: Agent, account: Account = newAccount(), returnTo?: string) {
  const { token } = await openForm(agent, '/register');
  const res = await agent
    .post('/register')
    .type('form')
    .send({ _csrf: token, ...account, ...(returnTo && { returnTo }) });
  if (res.status !== 303) throw new Error(`register → ${res.status}: ${parseHtml(res.text)('[data-error-summary]').text()}`);
  return { account, location: res.headers.location as string };
}

export async function signIn(agent: Agent, account: Pick<Account, 'email' | 'password'>, returnTo?: string) {
  const { token } = await openForm(agent, '/sign-in');
  return agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: token, email: account.email, password: account.password, ...(returnTo && { returnTo }) });
}

/** The account's id and cart, read from the backends themselves. */
export function backends(shop: TestShop) {
  const rds = backendApi(shop.stack.rdsUrl, shop.stack.serviceToken);
  const redis = backendApi(shop.stack.redisUrl, shop.stack.serviceToken);
  return {
    rds,
    redis,
    userId: async (account: Pick<Account, 'email' | 'password'>) =>
      (await rds<{ id: number }>('POST', '/users/verify-credentials', { email: account.email, password: account.password })).id,
    userCart: (userId: number) => redis<{ items: { bookId: number; quantity: number }[]; totalQuantity: number }>('GET', `/carts/user/${userId}`),
  };
}

export const ADDRESS = { name: 'Cara Shopper', line1: '12 Reading Lane', city: 'Bookham', postalCode: 'BK1 2RL', country: 'GB' };

/**
 * A paid order made straight through backend-rds, for tests of the pages that show orders.
 * (The checkout tests make theirs through the shop's own form.)
 */
export async function placeOrderFor(shop: TestShop, userId: number, items: { bookId: number; quantity: number }[]): Promise<{ id: number }> {
  return writeAs<{ id: number }>(backendApi(shop.stack.rdsUrl, shop.stack.serviceToken), '/orders', userId, {
    items,
    shippingAddress: ADDRESS,
    payment: SANDBOX_CARD,
    idempotencyKey: randomUUID(),
  });
}

/** The demo admin the seed makes (backend-rds prisma/seed/demo-users.ts). */
export const DEMO_ADMIN = { email: 'admin@bookstore.example', password: 'admin-demo-password' };

export interface SpareBook {
  id: number;
  slug: string;
  title: string;
}

/** Each test file that places orders takes its own slice of the spare books. */
const SPARE_SLICES = { checkout: 0, reviews: 20, orders: 40, hostile: 60 } as const;
const SPARE_SLICE_SIZE = 20;
/** The first books with plenty of stock by title: the fixtures' bestseller, its also-bought and more. */
const FIXTURE_BOOKS = 5;

/**
 * Books to buy in tests, one per order: plenty of stock, none the fixtures or another test
 * file relies on, each bought a copy or two at most. So the run's orders never outsell the
 * fixtures' bestseller (5 copies this week) nor take a book's last copies.
 */
export async function spareBooks(shop: TestShop, file: keyof typeof SPARE_SLICES): Promise<() => SpareBook> {
  const rds = backendApi(shop.stack.rdsUrl, shop.stack.serviceToken);
  const plenty: (SpareBook & { stock: number })[] = [];
  for (let page = 1; ; page++) {
    const result = await rds<{ items: (SpareBook & { stock: number })[]; totalPages: number }>('GET', `/books?page=${page}&pageSize=100&sort=title`);
    plenty.push(...result.items.filter((book) => book.stock >= 20 && book.slug !== 'pride-and-prejudice'));
    if (page >= result.totalPages) break;
  }
  const start = FIXTURE_BOOKS + SPARE_SLICES[file];
  const slice = plenty.slice(start, start + SPARE_SLICE_SIZE).map(({ id, slug, title }) => ({ id, slug, title }));
  let next = 0;
  return () => {
    const book = slice[next++];
    if (!book) throw new Error(`the ${file} tests need more than ${SPARE_SLICE_SIZE} spare books`);
    return book;
  };
}
