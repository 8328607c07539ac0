import { randomUUID } from 'node:crypto';
import type { BookSummary, Page } from '@bookstore/common';

/** What the tests may rely on, made once per run through backend-rds' own API. */
export interface StackFixtures {
  /** Bought most this week (5 copies), reviewed twice (one verified purchase). */
  bestseller: { id: number; slug: string; title: string };
  /** Bought together with the bestseller. */
  alsoBought: { id: number; slug: string; title: string };
  lowStock: { slug: string; stock: number };
  outOfStock: { slug: string };
  buyer: { id: number; name: string };
  /** A review body with markup in it, which must come out as text. */
  reviewWithMarkup: string;
}

export const SANDBOX_CARD = { cardNumber: '4242424242424242', expMonth: 12, expYear: new Date().getUTCFullYear() + 2, cvc: '123' };
const ADDRESS = { name: 'Test Buyer', line1: '1 Test Street', city: 'Testville', postalCode: 'T1 1TT', country: 'GB' };

export type Api = <T>(method: string, path: string, body?: unknown, userId?: number) => Promise<T>;

export function backendApi(baseUrl: string, serviceToken: string): Api {
  return async <T>(method: string, path: string, body?: unknown, userId?: number): Promise<T> => {
    const headers: Record<string, string> = { authorization: `Bearer ${serviceToken}`, 'content-type': 'application/json' };
    if (userId !== undefined) headers['x-user-id'] = String(userId);
    const res = await fetch(new URL(path, baseUrl), { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path} → ${res.status} ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/**
 * A write made for a user: the user travels in X-User-Id. Older contracts also wanted it in
 * the body; send it there only when the backend asks for it.
 */
export async function writeAs<T>(api: Api, path: string, userId: number, body: Record<string, unknown>): Promise<T> {
  try {
    return await api<T>('POST', path, body, userId);
  } catch (err) {
    if (!/userId/.test((err as Error).message)) throw err;
    return api<T>('POST', path, { userId, ...body }, userId);
  }
}

async function allBooks(api: Api): Promise<BookSummary[]> {
  const books: BookSummary[] = [];
  for (let page = 1; ; page++) {
    const result = await api<Page<BookSummary>>('GET', `/books?page=${page}&pageSize=100`);
    books.push(...result.items);
    if (page >= result.totalPages) return books;
  }
}

export async function createFixtures(api: Api): Promise<StackFixtures> {
  const books = await allBooks(api);
  const plenty = books.filter((b) => b.stock >= 20);
  const [bestseller, alsoBought, other] = plenty;
  const lowStock = books.find((b) => b.stock >= 1 && b.stock <= 5);
  const outOfStock = books.find((b) => b.stock === 0);
  if (!bestseller || !alsoBought || !other || !lowStock || !outOfStock) throw new Error('the seeded catalog lacks the books the tests need');

  const register = (name: string) =>
    api<{ id: number; name: string }>('POST', '/users', { email: `${randomUUID()}@frontend-test.example`, password: 'a-long-test-password', name });
  const [first, second] = await Promise.all([register('Ada Reader'), register('Ben Reader')]);
  const order = (userId: number, items: { bookId: number; quantity: number }[]) =>
    writeAs(api, '/orders', userId, { items, shippingAddress: ADDRESS, payment: SANDBOX_CARD, idempotencyKey: randomUUID() });
  await order(first.id, [{ bookId: bestseller.id, quantity: 3 }, { bookId: alsoBought.id, quantity: 1 }]);
  await order(second.id, [{ bookId: bestseller.id, quantity: 2 }, { bookId: other.id, quantity: 1 }]);

  const reviewWithMarkup = 'Loved it. <script>alert("x")</script> & more';
  await writeAs(api, `/books/${bestseller.id}/reviews`, first.id, { rating: 5, title: 'A delight', body: reviewWithMarkup });
  await writeAs(api, `/books/${bestseller.id}/reviews`, second.id, { rating: 4, title: 'Very good' });

  const pick = (b: BookSummary) => ({ id: b.id, slug: b.slug, title: b.title });
  return {
    bestseller: pick(bestseller),
    alsoBought: pick(alsoBought),
    lowStock: { slug: lowStock.slug, stock: lowStock.stock },
    outOfStock: { slug: outOfStock.slug },
    buyer: first,
    reviewWithMarkup,
  };
}
