// Guests who add to their carts during the bench, as a browser would: each gets its
// session and CSRF token through the shop's own pages first.
import type autocannon from 'autocannon';

export interface Guest {
  cookie: string;
  csrfToken: string;
}

class CookieJar {
  private readonly cookies = new Map<string, string>();
  take(res: Response): void {
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
  }
  get header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function csrfTokenOf(res: Response): Promise<string> {
  const token = /name="_csrf" value="([^"]+)"/.exec(await res.text())?.[1];
  if (!token) throw new Error(`${res.url}: no form with a CSRF token`);
  return token;
}

/** One guest: the book page's form, a first add (which makes the session), the cart's token. */
async function prepareGuest(shopUrl: string, bookSlug: string): Promise<Guest> {
  const jar = new CookieJar();
  const bookPage = await fetch(`${shopUrl}/books/${bookSlug}`);
  jar.take(bookPage);
  const html = await bookPage.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  const bookId = /name="bookId" value="(\d+)"/.exec(html)?.[1];
  if (!token || !bookId) throw new Error(`${bookSlug}: no add-to-cart form`);
  const added = await fetch(`${shopUrl}/cart/items`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: jar.header, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, bookId, quantity: '1' }),
  });
  if (added.status !== 303) throw new Error(`first add to cart: HTTP ${added.status}`);
  jar.take(added);
  // The token is bound to the session the first add made: read the one the cart page issues.
  const cart = await fetch(`${shopUrl}/cart`, { headers: { cookie: jar.header } });
  jar.take(cart);
  return { cookie: jar.header, csrfToken: await csrfTokenOf(cart) };
}

export async function prepareGuestCarts(shopUrl: string, bookSlug: string, count: number): Promise<Guest[]> {
  const guests: Guest[] = [];
  while (guests.length < count) guests.push(...(await Promise.all(Array.from({ length: 8 }, () => prepareGuest(shopUrl, bookSlug)))));
  return guests;
}

/**
 * Adds of one copy, going round the guests and then the books, so no cart line reaches the
 * per-book limit (20) and no cart the line limit (100) within a bench's few thousand adds.
 */
export function addToCartRequests(guests: Guest[], bookIds: number[]): autocannon.Request[] {
  let sent = 0;
  return [
    {
      method: 'POST',
      path: '/cart/items',
      setupRequest: (request) => {
        const guest = guests[sent % guests.length]!;
        const bookId = bookIds[Math.floor(sent / guests.length) % bookIds.length]!;
        sent++;
        return {
          ...request,
          headers: { cookie: guest.cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-encoding': 'gzip' },
          body: new URLSearchParams({ _csrf: guest.csrfToken, bookId: String(bookId), quantity: '1' }).toString(),
        };
      },
    },
  ];
}
