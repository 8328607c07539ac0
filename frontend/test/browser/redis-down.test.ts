// Redis goes away while the shop runs: book pages still render from backend-rds, and the
// cart says plainly that it is unavailable. A shop of its own for this (frontend and
// backend-redis against a redis-server this test starts and stops, behind an nginx of its
// own), beside the run's backend-rds.
import { randomBytes } from 'node:crypto';
import { freePort, type Child } from '../stack/processes';
import { openShopBrowser, type ShopBrowser } from './shop-browser';
import { screenshotPage } from './screenshots';
import { startNginx } from './stack/nginx';
import { startBackendRedis, startFrontend, startRedisServer } from './stack/services';
import { expectVisible } from './flows';

let shop: ShopBrowser;
const children: Child[] = [];
let redisServer: Child;
let backendRedisUrl: string;
let shopUrl: string;

beforeAll(async () => {
  shop = await openShopBrowser();
  const [redisPort, backendRedisPort, frontendPort, nginxPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
  redisServer = startRedisServer('redis-down-redis-server', redisPort);
  children.push(redisServer);
  const backendRedis = await startBackendRedis({
    name: 'redis-down-backend-redis',
    port: backendRedisPort,
    redisUrl: `redis://127.0.0.1:${redisPort}`,
    keyPrefix: `fe-redis-down:${randomBytes(4).toString('hex')}:`,
    env: { REDIS_CONNECT_TIMEOUT_MS: '200', REDIS_RECONNECT_MAX_DELAY_MS: '200' },
  });
  children.push(backendRedis);
  backendRedisUrl = backendRedis.url;
  const frontend = await startFrontend({ name: 'redis-down-frontend', port: frontendPort, rdsUrl: shop.stack.rdsUrl, redisUrl: backendRedis.url });
  children.push(frontend);
  const nginx = await startNginx({ name: 'redis-down-nginx', port: nginxPort, frontendPort });
  children.push(nginx);
  shopUrl = nginx.url;
});

afterAll(async () => {
  for (const child of children.reverse()) await child.stop();
  await shop.close();
});

test('with Redis stopped, the book page still renders from backend-rds and the cart says it is unavailable', async () => {
  const { page } = await shop.newShopper({ baseURL: shopUrl });
  const { bestseller } = shop.stack.fixtures;
  // Up: the page renders and its book goes into the cache.
  await page.goto(`/books/${bestseller.slug}`);
  await expectVisible(page.getByRole('heading', { level: 1, name: bestseller.title }));

  await redisServer.stop();
  await waitUntilNotReady(`${backendRedisUrl}/readyz`);

  const response = await page.goto(`/books/${bestseller.slug}`);
  expect(response?.status()).toBe(200);
  await expectVisible(page.getByRole('heading', { level: 1, name: bestseller.title }));
  expect(await page.locator('[data-price]').textContent()).toMatch(/^\$\d+\.\d{2}$/);
  await expectVisible(page.getByRole('button', { name: 'Add to cart' }));
  await expectVisible(page.locator('#reviews'));
  await screenshotPage(page, 'book-redis-down');

  // Search and the catalog read backend-rds too.
  await page.goto('/search?q=pride+and+prejudise');
  await expectVisible(page.getByRole('link', { name: 'Pride and Prejudice' }).first());

  const cart = await page.goto('/cart');
  expect(cart?.status()).toBe(503);
  await expect(page.locator('main').textContent()).resolves.toMatch(/unavailable/i);
  await screenshotPage(page, 'cart-redis-down');
});

/** backend-redis's /readyz answers 503 once it has noticed that Redis is gone. */
async function waitUntilNotReady(url: string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const res = await fetch(url).catch(() => undefined);
    if (res && res.status === 503) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} still says ready`);
}
