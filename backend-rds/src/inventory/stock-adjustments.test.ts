import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createUser } from '../catalog/test-fixtures';

let t: TestApp;
let adminId: number;

beforeAll(async () => {
  t = await buildTestApp();
  adminId = (await createUser(t.prisma, 'admin')).id;
});
afterAll(() => t.close());

const adjust = (bookId: number, body: object) =>
  t.api().post(`/admin/books/${bookId}/stock-adjustments`).set('X-User-Id', String(adminId)).send(body);
const history = (bookId: number, query = '') =>
  t.api().get(`/admin/books/${bookId}/stock-adjustments${query}`).set('X-User-Id', String(adminId));

describe('POST /admin/books/:id/stock-adjustments', () => {
  test('adds and removes stock, recording each change with the admin and the stock after', async () => {
    const book = await createBook(t.prisma, { title: 'Restocked', stock: 2 });
    const restock = await adjust(book.id, { delta: 5, reason: 'restock', note: 'Delivery 42' }).expect(201);
    expect(restock.body).toEqual({
      stock: 7,
      adjustment: {
        id: expect.any(Number),
        bookId: book.id,
        delta: 5,
        reason: 'restock',
        note: 'Delivery 42',
        stockAfter: 7,
        orderId: null,
        actorUserId: adminId,
        createdAt: expect.any(String),
      },
    });
    const damaged = await adjust(book.id, { delta: -3, reason: 'damaged' }).expect(201);
    expect(damaged.body).toMatchObject({ stock: 4, adjustment: { delta: -3, note: '', stockAfter: 4 } });
    expect((await t.api().get(`/books/${book.id}`).expect(200)).body.stock).toBe(4);
  });

  test('409 insufficient_stock rather than going below zero, stock unchanged', async () => {
    const book = await createBook(t.prisma, { title: 'Scarce', stock: 3 });
    const res = await adjust(book.id, { delta: -4, reason: 'correction' }).expect(409);
    expect(res.body.error).toMatchObject({
      code: 'insufficient_stock',
      details: { bookId: book.id, stock: 3, delta: -4 },
    });
    await adjust(book.id, { delta: -3, reason: 'correction' }).expect(201);
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(0);
    expect(await t.prisma.stockAdjustment.count({ where: { bookId: book.id } })).toBe(1);
  });

  test('409 stock_too_large rather than overflowing the column, stock unchanged', async () => {
    const book = await createBook(t.prisma, { title: 'Warehouse', stock: 2_147_000_000 });
    const res = await adjust(book.id, { delta: 1_000_000, reason: 'restock' }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'stock_too_large', details: { stock: 2_147_000_000 } });
    await adjust(book.id, { delta: 483_647, reason: 'restock' }).expect(201);
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(2_147_483_647);
  });

  test('20 concurrent removals of one from a stock of 5: exactly 5 succeed, stock ends at 0', async () => {
    const book = await createBook(t.prisma, { title: 'Contended', stock: 5 });
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => adjust(book.id, { delta: -1, reason: 'damaged' })),
    );
    const statuses = responses.map((res) => res.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(5);
    expect(statuses.filter((status) => status === 409)).toHaveLength(15);
    expect((await t.prisma.book.findUniqueOrThrow({ where: { id: book.id } })).stock).toBe(0);
    const ledger = await t.prisma.stockAdjustment.findMany({ where: { bookId: book.id } });
    expect(ledger.map((row) => row.stockAfter).sort()).toEqual([0, 1, 2, 3, 4]);
  });

  test('unknown and archived books are 404', async () => {
    const archived = await createBook(t.prisma, { title: 'Gone', stock: 5, archived: true });
    for (const id of [999_999, archived.id]) {
      const res = await adjust(id, { delta: 1, reason: 'restock' }).expect(404);
      expect(res.body.error.code).toBe('book_not_found');
    }
  });

  test.each([
    [{ delta: 0, reason: 'restock' }, 'delta'],
    [{ delta: 1.5, reason: 'restock' }, 'delta'],
    [{ delta: '3', reason: 'restock' }, 'delta'],
    [{ delta: 10_000_000, reason: 'restock' }, 'delta'],
    [{ reason: 'restock' }, 'delta'],
    [{ delta: 1, reason: 'order_placed' }, 'reason'],
    [{ delta: 1 }, 'reason'],
    [{ delta: 1, reason: 'restock', note: 'n'.repeat(501) }, 'note'],
    [{ delta: 1, reason: 'restock', stockAfter: 9 }, 'stockAfter'],
  ])('%j is a 400 naming %s', async (body, field) => {
    const res = await adjust(1, body).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].field).toBe(field);
  });
});

describe('GET /admin/books/:id/stock-adjustments', () => {
  test('pages through the history, newest first', async () => {
    const book = await createBook(t.prisma, { title: 'Ledger', stock: 0 });
    for (const delta of [10, -1, -2, 5]) await adjust(book.id, { delta, reason: 'correction' }).expect(201);

    const first = await history(book.id, '?pageSize=3').expect(200);
    expect(first.body).toMatchObject({ page: 1, pageSize: 3, total: 4, totalPages: 2 });
    expect(first.body.items.map((row: { delta: number }) => row.delta)).toEqual([5, -2, -1]);
    expect(first.body.items[0]).toMatchObject({ stockAfter: 12, actorUserId: adminId });
    const second = await history(book.id, '?pageSize=3&page=2').expect(200);
    expect(second.body.items).toMatchObject([{ delta: 10, stockAfter: 10 }]);
  });

  test('archived books keep their history; unknown books are 404', async () => {
    const archived = await createBook(t.prisma, { title: 'Old', archived: true });
    expect((await history(archived.id).expect(200)).body).toMatchObject({ items: [], total: 0 });
    expect((await history(999_999).expect(404)).body.error.code).toBe('book_not_found');
    const bad = await history(1, '?pageSize=0').expect(400);
    expect(bad.body.error.details[0].field).toBe('pageSize');
  });
});
