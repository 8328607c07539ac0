import { buildShop, type TestShop } from './shop';
import { parseHtml, textOf } from './html';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

test('an unknown address is the 404 page in the shop\'s look, with the request id from nginx', async () => {
  const res = await shop.request.get('/no/such/page').set('X-Request-Id', 'nginx-made-this-id-1').expect(404);
  const $ = parseHtml(res.text);
  expect(textOf($, 'h1')).toBe('We could not find that page');
  expect(textOf($, '[data-request-id]')).toBe('nginx-made-this-id-1');
  expect($('.site-header').length).toBe(1);
  expect($('meta[name="robots"]').attr('content')).toBe('noindex');
  expect(res.headers['cache-control']).toBe('no-store');
});

test('JSON clients get the error as JSON', async () => {
  const res = await shop.request.get('/no/such/page').set('Accept', 'application/json').expect(404);
  expect(res.body).toEqual({ error: { code: 'page_not_found', message: expect.any(String), requestId: res.headers['x-request-id'] } });
});

test('malformed input never gives a 500 or a stack trace', async () => {
  for (const [method, url] of [['GET', '/books/%zz'], ['GET', '/genres/%'], ['GET', '/authors/%C0%AF'], ['GET', '/books?genre[x]=1']] as const) {
    const res = await shop.request[method === 'GET' ? 'get' : 'post'](url);
    expect([url, res.status < 500]).toEqual([url, true]);
    expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/);
  }
  const big = await shop.request.post('/cart/items').type('form').send(`a=${'x'.repeat(40_000)}`);
  expect(big.status).toBe(413);
});
