import { buildShop, type TestShop } from './shop';
import { csrfToken, parseHtml } from './html';

let shop: TestShop;
beforeAll(() => {
  shop = buildShop();
});
afterAll(() => shop.close());

const PAGES = ['/', '/books', '/genres/classics', '/authors/jane-austen', '/books/pride-and-prejudice', '/search?q=austen', '/books/missing-book'];

describe('Content-Security-Policy', () => {
  test.each(PAGES)('%s: a nonce per response, carried by every script, and no inline handlers', async (url) => {
    const res = await shop.request.get(url);
    expect(res.status).toBeLessThan(500);
    const csp = res.headers['content-security-policy'] as string;
    const nonce = /script-src 'self' 'nonce-([A-Za-z0-9+/=]+)'/.exec(csp)?.[1];
    expect(nonce).toBeDefined();
    expect(csp).toContain("script-src-attr 'none'");
    expect(csp).toContain("style-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    const $ = parseHtml(res.text);
    const scripts = $('script');
    expect(scripts.length).toBeGreaterThan(0);
    scripts.each((_i, el) => expect($(el).attr('nonce')).toBe(nonce));
    $('*').each((_i, el) => {
      for (const name of Object.keys((el as { attribs?: Record<string, string> }).attribs ?? {})) {
        expect(name.startsWith('on') ? `${name} on <${(el as { tagName: string }).tagName}>` : 'none').toBe('none');
      }
      expect($(el).attr('style')).toBeUndefined();
    });
    const again = await shop.request.get(url);
    expect(again.headers['content-security-policy']).not.toBe(csp);
  });

  test('helmet sets the other security headers', async () => {
    const res = await shop.request.get('/').expect(200);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });
});

describe('CSRF', () => {
  test('a form post without its token is refused with the 403 page', async () => {
    const res = await shop.request.post('/cart/items').type('form').send({ bookId: '1', quantity: '1' }).expect(403);
    expect(parseHtml(res.text)('h1').text()).toBe('That is not allowed');
  });

  test('a token from another visitor, or a forged one, is refused too', async () => {
    const other = shop.browser();
    const $ = parseHtml((await other.get('/books/pride-and-prejudice').expect(200)).text);
    const token = csrfToken($)!;
    await shop.browser().post('/cart/items').type('form').send({ _csrf: token, bookId: '1', quantity: '1' }).expect(403);
    await other.post('/cart/items').type('form').send({ _csrf: `${token}0`, bookId: '1', quantity: '1' }).expect(403);
  });

  test('the page\'s own token and cookie pass the check', async () => {
    const browser = shop.browser();
    const $ = parseHtml((await browser.get('/books/pride-and-prejudice').expect(200)).text);
    const res = await browser.post('/cart/items').type('form').send({ _csrf: csrfToken($), bookId: '1', quantity: '1' });
    expect(res.status).not.toBe(403);
    expect(res.status).toBeLessThan(500);
  });
});

describe('cookies', () => {
  test('HttpOnly and SameSite=Lax; Secure only when nginx says the request came over HTTPS', async () => {
    const plain = await shop.request.get('/books/pride-and-prejudice').expect(200);
    const cookie = (plain.headers['set-cookie'] as unknown as string[])[0]!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await shop.request.get('/books/pride-and-prejudice').set('X-Forwarded-Proto', 'https').expect(200);
    expect((https.headers['set-cookie'] as unknown as string[])[0]).toMatch(/Secure/);
  });

  test('a page view makes no session in backend-redis, and an unknown session cookie is cleared', async () => {
    const res = await shop.request.get('/').expect(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const stale = await shop.request.get('/').set('Cookie', `bookstore_session=${'A'.repeat(43)}`).expect(200);
    expect((stale.headers['set-cookie'] as unknown as string[])[0]).toMatch(/^bookstore_session=;/);
  });
});
