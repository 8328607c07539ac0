import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createUser } from '../catalog/test-fixtures';

/** GET /admin/books (archived books too, search, filters), GET /admin/books/:id, POST …/restore. */
let t: TestApp;
let adminId: number;
let customerId: number;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp();
  adminId = (await createUser(t.prisma, 'admin')).id;
  customerId = (await createUser(t.prisma, 'customer')).id;
  const books = {
    dune: { title: 'Dune', authors: ['Frank Herbert'], categories: ['Science Fiction'], stock: 12, isbn: '9780441013593' },
    messiah: { title: 'Dune Messiah', authors: ['Frank Herbert'], categories: ['Science Fiction'], stock: 3 },
    emma: { title: 'Emma', authors: ['Jane Austen'], categories: ['Classics'], stock: 0 },
    percent: { title: '100% Cotton', authors: ['Ann Other'], stock: 40 },
    gone: { title: 'Dune: The Lost Draft', authors: ['Frank Herbert'], stock: 5, archived: true },
  };
  for (const [name, fixture] of Object.entries(books)) ids[name] = (await createBook(t.prisma, fixture)).id;
});
afterAll(() => t.close());

const asAdmin = () => ({ 'X-User-Id': String(adminId) });
const titles = async (query: string) =>
  (await t.api().get(`/admin/books?${query}`).set(asAdmin()).expect(200)).body.items.map((b: { title: string }) => b.title);

describe('only admins', () => {
  test.each([
    ['get', '/admin/books'],
    ['get', '/admin/books/1'],
    ['post', '/admin/books/1/restore'],
    ['get', '/admin/orders'],
    ['get', '/admin/orders/1'],
    ['get', '/admin/dashboard'],
  ])('%s %s: 401 without a user, 403 for a customer', async (method, path) => {
    await t.api()[method as 'get'](path).expect(401);
    const res = await t.api()[method as 'get'](path).set('X-User-Id', String(customerId)).expect(403);
    expect(res.body.error.code).toBe('admin_only');
  });
});

test('the list shows visible books by default, archived ones on request, both with status=all', async () => {
  expect(await titles('')).toEqual(['100% Cotton', 'Dune', 'Dune Messiah', 'Emma']);
  expect(await titles('status=archived')).toEqual(['Dune: The Lost Draft']);
  expect(await titles('status=all&q=dune')).toEqual(['Dune', 'Dune Messiah', 'Dune: The Lost Draft']);
  const archived = (await t.api().get('/admin/books?status=archived').set(asAdmin()).expect(200)).body.items[0];
  expect(archived.archivedAt).not.toBeNull();
});

test('search: title or author, any case; an ISBN with hyphens; % is a percent sign, not a wildcard', async () => {
  expect(await titles('q=DUNE')).toEqual(['Dune', 'Dune Messiah']);
  expect(await titles('q=austen')).toEqual(['Emma']);
  expect(await titles('q=978-0-441-01359-3')).toEqual(['Dune']);
  expect(await titles(`q=${encodeURIComponent('100%')}`)).toEqual(['100% Cotton']);
  expect(await titles(`q=${encodeURIComponent('%')}`)).toEqual(['100% Cotton']);
});

test('filters: low stock (1 … lowStockAt), out of stock, a category; sort by stock', async () => {
  expect(await titles('stock=low')).toEqual(['Dune Messiah']);
  expect(await titles('stock=low&lowStockAt=20')).toEqual(['Dune', 'Dune Messiah']);
  expect(await titles('stock=out')).toEqual(['Emma']);
  expect(await titles('category=classics')).toEqual(['Emma']);
  expect(await titles('sort=stock')).toEqual(['Emma', 'Dune Messiah', 'Dune', '100% Cotton']);
});

test('bad filters are 400s naming the field', async () => {
  const res = await t.api().get('/admin/books?status=deleted').set(asAdmin()).expect(400);
  expect(res.body.error.details[0].field).toBe('status');
  await t.api().get('/admin/books?lowStockAt=0').set(asAdmin()).expect(400);
});

test('one book, archived or not, with what the edit form needs', async () => {
  const res = await t.api().get(`/admin/books/${ids.gone}`).set(asAdmin()).expect(200);
  expect(res.body).toMatchObject({ id: ids.gone, title: 'Dune: The Lost Draft', stock: 5, language: 'en' });
  expect(res.body.archivedAt).not.toBeNull();
  expect(res.body.authors.map((a: { name: string }) => a.name)).toEqual(['Frank Herbert']);
  await t.api().get('/admin/books/999999').set(asAdmin()).expect(404);
});

test('restore puts an archived book back in the shop; restoring a visible one is a 409', async () => {
  const slug = (await t.api().get(`/admin/books/${ids.gone}`).set(asAdmin())).body.slug as string;
  await t.api().get(`/books/${slug}`).expect(404);
  const res = await t.api().post(`/admin/books/${ids.gone}/restore`).set(asAdmin()).expect(200);
  expect(res.body.archivedAt).toBeNull();
  await t.api().get(`/books/${slug}`).expect(200);
  const again = await t.api().post(`/admin/books/${ids.gone}/restore`).set(asAdmin()).expect(409);
  expect(again.body.error.code).toBe('book_not_archived');
  await t.api().post('/admin/books/999999/restore').set(asAdmin()).expect(404);
});
