// A throwaway shopper for `npm run verify`: keeps its cookies, registers through the real
// /register form, adds a book through a book page's form and reads /cart, as a browser
// without JavaScript would. The HTML is read only as far as the checks need.

/** Decodes the few entities EJS's escaping produces (`<%= %>`). */
const unescapeHtml = (text) =>
  text.replaceAll('&#34;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/** The value of `<input name="…" value="…">` inside `html`, or undefined. */
function inputValue(html, name) {
  for (const [tag] of html.matchAll(/<input\b[^>]*>/g)) {
    if (new RegExp(`\\bname="${name}"`).test(tag)) {
      const value = /\bvalue="([^"]*)"/.exec(tag)?.[1];
      return value === undefined ? undefined : unescapeHtml(value);
    }
  }
  return undefined;
}

/** The `<form action="action" …>…</form>` in `html`, or undefined. */
function formWithAction(html, action) {
  return new RegExp(`<form\\b[^>]*\\baction="${action}"[^>]*>([\\s\\S]*?)</form>`).exec(html)?.[1];
}

/** What a /cart page says: who is signed in (the header's account link) and what the cart holds. */
export function readCartPage(html) {
  const signedInName = /<a href="\/account">([^<]+)<\/a>/.exec(html)?.[1];
  const bookIds = [...html.matchAll(/<li class="cart-line[^"]*"[^>]*\bdata-book-id="(\d+)"/g)].map((match) => Number(match[1]));
  const count = /data-cart-count>(\d+)/.exec(html)?.[1];
  return {
    signedInName: signedInName === undefined ? undefined : unescapeHtml(signedInName.trim()),
    lines: bookIds.map((bookId) => ({ bookId, quantity: quantityOf(html, bookId) })),
    count: count === undefined ? 0 : Number(count),
  };
}

function quantityOf(html, bookId) {
  const tag = new RegExp(`<input\\b[^>]*\\bid="quantity-${bookId}"[^>]*>`).exec(html)?.[0];
  const value = tag && /\bvalue="(\d+)"/.exec(tag)?.[1];
  return value === undefined ? undefined : Number(value);
}

export class Shopper {
  constructor(baseUrl, timeoutMs, saved) {
    this.baseUrl = baseUrl;
    this.timeoutMs = timeoutMs;
    this.cookies = new Map(Object.entries(saved?.cookies ?? {}));
    /** Who registered, and the book added: what every /cart must show. */
    this.expectedName = saved?.expectedName;
    this.expectedBookId = saved?.expectedBookId;
  }

  /** What --session-file keeps, so a later run reads the same session and cart. */
  saved() {
    return { cookies: Object.fromEntries(this.cookies), expectedName: this.expectedName, expectedBookId: this.expectedBookId };
  }

  /** One request with this shopper's cookies; never follows redirects (their cookies matter). */
  async request(path, { method = 'GET', form } = {}) {
    const headers = { accept: 'text/html' };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
    let body;
    if (form) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      // What a browser sends with a form post; CSRF defences may compare it with the host.
      headers.origin = new URL(this.baseUrl).origin;
      headers.referer = `${this.baseUrl}${path}`;
      body = new URLSearchParams(form).toString();
    }
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: 'manual', signal: AbortSignal.timeout(this.timeoutMs) });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const separator = pair.indexOf('=');
      const name = pair.slice(0, separator).trim();
      const value = pair.slice(separator + 1).trim();
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line) || value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return { status: response.status, location: response.headers.get('location'), html: await response.text() };
  }

  /** GET /register for its CSRF cookie and token, then POST the form: a 303 means signed in. */
  async register({ name, email, password }) {
    const page = await this.request('/register');
    if (page.status !== 200) throw new Error(`GET /register answered ${page.status}`);
    const form = formWithAction(page.html, '/register');
    const csrf = form && inputValue(form, '_csrf');
    if (!csrf) throw new Error('the /register page has no form with a _csrf field');
    const answer = await this.request('/register', { method: 'POST', form: { _csrf: csrf, name, email, password } });
    if (answer.status !== 303) {
      const problem = /<title>([^<]*)<\/title>/.exec(answer.html)?.[1]?.trim();
      throw new Error(`POST /register answered ${answer.status}${problem ? ` (${problem})` : ''}, not 303`);
    }
  }

  /** The first book of /books whose page offers "Add to cart", added once. Returns its id. */
  async addFirstBookInStock() {
    const list = await this.request('/books');
    if (list.status !== 200) throw new Error(`GET /books answered ${list.status}`);
    const slugs = [...new Set([...list.html.matchAll(/href="(\/books\/[a-z0-9-]+)"/g)].map((match) => match[1]))];
    if (slugs.length === 0) throw new Error('/books lists no book (is the catalog seeded?)');
    for (const path of slugs.slice(0, 10)) {
      const page = await this.request(path);
      const form = page.status === 200 ? formWithAction(page.html, '/cart/items') : undefined;
      const csrf = form && inputValue(form, '_csrf');
      const bookId = form && inputValue(form, 'bookId');
      if (!csrf || !bookId) continue; // out of stock: no form
      const answer = await this.request('/cart/items', { method: 'POST', form: { _csrf: csrf, bookId, quantity: '1' } });
      if (answer.status >= 400) throw new Error(`POST /cart/items (from ${path}) answered ${answer.status}`);
      return Number(bookId);
    }
    throw new Error('none of the first books listed on /books has an "Add to cart" form');
  }

  async readCart() {
    const page = await this.request('/cart');
    if (page.status !== 200) throw new Error(`GET /cart answered ${page.status}`);
    return readCartPage(page.html);
  }
}
