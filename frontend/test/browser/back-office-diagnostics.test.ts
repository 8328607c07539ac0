// The back office and the diagnostics page in a real browser, through nginx: an admin
// changes a price and a shopper sees it at once; /diagnostics shows every hop green, then a
// stopped Redis shows that hop red with its cause. Screenshots of both pages at 1280 and 375,
// and axe-core (WCAG 2.2 A/AA) on each.
import http from 'node:http';
import path from 'node:path';
import type net from 'node:net';
import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import { backendApi } from '../stack/fixtures';
import { freePort, type Child } from '../stack/processes';
import { axeViolations } from './axe';
import { expectVisible } from './flows';
import { openShopBrowser, type ShopBrowser } from './shop-browser';
import { SCREENSHOT_DIR, screenshotPage } from './screenshots';
import { PHONE } from './chromium';
import { startNginx } from './stack/nginx';
import { startBackendRedis, startFrontend, startRedisServer } from './stack/services';

const DEMO_ADMIN = { email: 'admin@bookstore.example', password: 'admin-demo-password' };

let shop: ShopBrowser;

beforeAll(async () => {
  shop = await openShopBrowser();
});
afterAll(() => shop.close());

async function signInAsAdmin(page: Page): Promise<void> {
  await page.goto('/sign-in?returnTo=%2Fadmin');
  await page.getByLabel('E-mail address').fill(DEMO_ADMIN.email);
  await page.getByLabel('Password').fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === '/admin');
}

test('an admin changes a price and a shopper sees it at once', async () => {
  const rds = backendApi(shop.stack.rdsUrl, shop.stack.serviceToken);
  const { id: adminId } = await rds<{ id: number }>('POST', '/users/verify-credentials', DEMO_ADMIN);
  const title = `The Repriced Atlas ${randomBytes(3).toString('hex')}`;
  const book = await rds<{ id: number; slug: string }>('POST', '/admin/books', { title, authorNames: ['Ina Browser'], priceCents: 2400, stock: 8 }, adminId);

  const shopper = await shop.newShopper();
  await shopper.page.goto(`/books/${book.slug}`);
  await expectVisible(shopper.page.getByRole('heading', { level: 1, name: title }));
  expect(await shopper.page.locator('[data-price]').textContent()).toBe('$24.00');
  await shopper.page.reload(); // now served from backend-redis's cache
  expect(await shopper.page.locator('[data-price]').textContent()).toBe('$24.00');

  const admin = await shop.newShopper();
  await signInAsAdmin(admin.page);
  await expectVisible(admin.page.getByRole('heading', { level: 1, name: 'Dashboard' }));
  await screenshotPage(admin.page, 'admin-dashboard');
  expect(await axeViolations(admin.page)).toEqual([]);

  await admin.page.getByRole('navigation', { name: 'Back office' }).getByRole('link', { name: 'Books' }).click();
  await admin.page.getByLabel('Title, author or ISBN').fill(title);
  await admin.page.getByRole('button', { name: 'Find' }).click();
  await expectVisible(admin.page.getByRole('link', { name: title, exact: true }));
  await screenshotPage(admin.page, 'admin-books');
  expect(await axeViolations(admin.page)).toEqual([]);
  await admin.page.getByRole('link', { name: title, exact: true }).click();
  await admin.page.getByLabel('Price').fill('17.50');
  await admin.page.getByRole('button', { name: 'Save changes' }).click();
  await expectVisible(admin.page.getByText('Changes saved. Shoppers see it now.'));
  await screenshotPage(admin.page, 'admin-book-edit');
  expect(await axeViolations(admin.page)).toEqual([]);

  await shopper.page.reload();
  expect(await shopper.page.locator('[data-price]').textContent()).toBe('$17.50');
  expect([...shopper.problems, ...admin.problems]).toEqual([]);
});

describe('diagnostics through nginx, with a Redis the test stops', () => {
  // A frontend of this file's own (with a fake instance metadata service on 127.0.0.1, never
  // the real 169.254.169.254) and a backend-redis on a redis-server the test stops, beside
  // the run's backend-rds, behind an nginx of their own.
  const children: Child[] = [];
  let redisServer: Child;
  let metadata: http.Server;
  let shopUrl: string;

  beforeAll(async () => {
    metadata = http.createServer((req, res) => {
      if (req.method === 'PUT') return res.end('fake-token');
      const answers: Record<string, string> = {
        '/latest/meta-data/instance-id': 'i-0b12c34d56e78f901',
        '/latest/meta-data/placement/availability-zone': 'eu-west-1a',
        '/latest/meta-data/instance-type': 't3.small',
      };
      res.statusCode = answers[req.url ?? ''] && req.headers['x-aws-ec2-metadata-token'] === 'fake-token' ? 200 : 404;
      res.end(answers[req.url ?? ''] ?? '');
    });
    await new Promise<void>((resolve) => metadata.listen(0, '127.0.0.1', resolve));
    const metadataUrl = `http://127.0.0.1:${(metadata.address() as net.AddressInfo).port}`;
    const [redisPort, backendRedisPort, frontendPort, nginxPort] = await Promise.all([freePort(), freePort(), freePort(), freePort()]);
    redisServer = startRedisServer('diagnostics-redis-server', redisPort);
    children.push(redisServer);
    const backendRedis = await startBackendRedis({
      name: 'diagnostics-backend-redis',
      port: backendRedisPort,
      redisUrl: `redis://127.0.0.1:${redisPort}`,
      keyPrefix: `fe-diagnostics:${randomBytes(4).toString('hex')}:`,
      env: { REDIS_CONNECT_TIMEOUT_MS: '300', REDIS_RECONNECT_MAX_DELAY_MS: '200', APP_VERSION: 'redis-browser-test' },
    });
    children.push(backendRedis);
    const frontend = await startFrontend({
      name: 'diagnostics-frontend',
      port: frontendPort,
      rdsUrl: shop.stack.rdsUrl,
      redisUrl: backendRedis.url,
      // A loaded machine can miss the 300 ms default, and a miss is remembered for the process.
      env: { DIAGNOSTICS_ACCESS: 'public', INSTANCE_METADATA_URL: metadataUrl, INSTANCE_METADATA_TIMEOUT_MS: '5000', APP_VERSION: 'frontend-browser-test' },
    });
    children.push(frontend);
    const nginx = await startNginx({ name: 'diagnostics-nginx', port: nginxPort, frontendPort });
    children.push(nginx);
    shopUrl = nginx.url;
  });

  afterAll(async () => {
    for (const child of children.reverse()) await child.stop();
    await new Promise((resolve) => metadata.close(resolve));
  });

  const statusOf = (page: Page, hop: string) => page.locator(`[data-hop="${hop}"]`).getAttribute('data-status');

  test('every hop green, then Redis stopped: that hop red with its cause, refreshed in place', async () => {
    const { page, problems } = await shop.newShopper({ baseURL: shopUrl });
    await page.goto('/diagnostics');
    await expectVisible(page.getByRole('heading', { level: 1, name: 'Diagnostics' }));
    for (const hop of ['nginx', 'backend-rds', 'postgresql', 'backend-redis', 'redis']) expect(await statusOf(page, hop)).toBe('ok');
    expect(await page.locator('[data-headline]').textContent()).toBe('Every hop answers');
    await expectVisible(page.getByText('i-0b12c34d56e78f901'));
    await expectVisible(page.getByText('eu-west-1a'));
    // The script measures the browser → nginx → frontend round trip once the page is there.
    await page.waitForFunction(() => /ms$/.test(document.querySelector('[data-hop="nginx"] [data-latency]')?.textContent ?? ''));
    await screenshotPage(page, 'diagnostics');
    expect(await axeViolations(page)).toEqual([]);

    await redisServer.stop();
    // "Test again" on the Redis row: no page load, the row turns red in place.
    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await page.locator('[data-test-again="redis"]').getByRole('button').click();
    await page.waitForFunction(() => document.querySelector('[data-hop="redis"]')?.getAttribute('data-status') === 'failing');
    expect(navigations).toEqual([]);
    expect(await statusOf(page, 'backend-redis')).toBe('ok');
    expect(await page.locator('[data-hop="redis"] [data-failure]').getAttribute('data-failure')).toBe('connection_refused');
    await expectVisible(page.locator('[data-hop="redis"]').getByText(/refused the connection/));
    await expectVisible(page.locator('[data-hop="redis"]').getByText(/security group/));
    expect(await page.locator('[data-headline]').textContent()).toBe('1 hop failing: backend-redis → Redis');
    await screenshotPage(page, 'diagnostics-redis-down');
    expect(await axeViolations(page)).toEqual([]);
    // On a phone the red row is below the picture's fold: its group on its own too.
    await page.setViewportSize(PHONE);
    await page.locator('#hop-redis').screenshot({ path: path.join(SCREENSHOT_DIR, 'diagnostics-redis-down-375-redis-row.png') });
    expect(problems).toEqual([]);
  });

  test('without JavaScript, "Test again" is a GET form that reloads the page with the result', async () => {
    const { page } = await shop.newShopper({ baseURL: shopUrl, javaScriptEnabled: false });
    await page.goto('/diagnostics');
    await page.locator('[data-test-again="redis"]').getByRole('button').click();
    await page.waitForURL((url) => url.pathname === '/diagnostics' && url.searchParams.get('hop') === 'redis');
    expect(await statusOf(page, 'redis')).toBe('failing');
    expect(await statusOf(page, 'postgresql')).toBe('untested');
  });
});
