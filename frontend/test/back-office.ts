import { randomUUID } from 'node:crypto';
import type { AdminBook } from '@bookstore/common';
import type { TestShop } from './shop';
import { backendApi, SANDBOX_CARD } from './stack/fixtures';
import { csrfToken, parseHtml, type Html } from './html';
import type { Agent } from './shopper';

/**
 * Books and orders of a test file's own, made through backend-rds's admin API, so no test
 * changes a book another file relies on.
 */
export function backOfficeFixtures(shop: TestShop, adminId: number) {
  const rds = backendApi(shop.stack.rdsUrl, shop.stack.serviceToken);
  return {
    rds,
    async book(fields: { title?: string; priceCents?: number; stock?: number; isbn?: string } = {}): Promise<AdminBook> {
      const title = fields.title ?? `Back office test ${randomUUID().slice(0, 8)}`;
      const created = await rds<{ id: number }>(
        'POST',
        '/admin/books',
        { title, authorNames: ['Tess Fixture'], priceCents: fields.priceCents ?? 1500, stock: fields.stock ?? 10, ...(fields.isbn && { isbn: fields.isbn }) },
        adminId,
      );
      return rds<AdminBook>('GET', `/admin/books/${created.id}`, undefined, adminId);
    },
    /** A paid order of `quantity` copies, by a customer of its own. */
    async paidOrder(bookId: number, quantity = 1): Promise<number> {
      const buyer = await rds<{ id: number }>('POST', '/users', { email: `${randomUUID()}@buyer.example`, password: 'a-long-test-password', name: 'Olive Buyer' });
      const order = await rds<{ id: number }>(
        'POST',
        '/orders',
        {
          items: [{ bookId, quantity }],
          shippingAddress: { name: 'Olive Buyer', line1: '1 Test Street', city: 'Testville', postalCode: 'T1 1TT', country: 'GB' },
          payment: SANDBOX_CARD,
          idempotencyKey: randomUUID(),
        },
        buyer.id,
      );
      return order.id;
    },
    bookNow: (bookId: number) => rds<AdminBook>('GET', `/admin/books/${bookId}`, undefined, adminId),
    stockOf: async (bookId: number) => (await rds<AdminBook>('GET', `/admin/books/${bookId}`, undefined, adminId)).stock,
  };
}

/** GET a page and return it parsed, with the CSRF token of its first matching form. */
export async function page(agent: Agent, url: string, formSelector = 'main form[method="post"]'): Promise<{ $: Html; token: string | undefined; status: number }> {
  const res = await agent.get(url);
  const $ = parseHtml(res.text);
  return { $, token: csrfToken($, formSelector), status: res.status };
}

/** POST a form the way the page's own form does. */
export const submit = (agent: Agent, url: string, token: string | undefined, fields: Record<string, string | string[]>) =>
  agent.post(url).type('form').send({ ...(token && { _csrf: token }), ...fields });

/** What a form would send as it stands on the page: its fields' values (the CSRF token left out). */
export function formValues($: Html, formSelector: string): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {};
  const form = $(formSelector);
  form.find('input[name], select[name], textarea[name]').each((_i, element) => {
    const el = $(element);
    const name = el.attr('name')!;
    if (name === '_csrf') return;
    const type = el.attr('type');
    if ((type === 'checkbox' || type === 'radio') && el.attr('checked') === undefined) return;
    const value = element.tagName === 'select' ? (el.find('option[selected]').attr('value') ?? '') : element.tagName === 'textarea' ? el.text() : (el.attr('value') ?? '');
    const previous = values[name];
    values[name] = previous === undefined ? value : [...(Array.isArray(previous) ? previous : [previous]), value];
  });
  return values;
}
