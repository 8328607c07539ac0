import { buildTestApp, type TestApp } from '../../test/app';
import { createAuthor, createBook, createCategory, createUser } from '../catalog/test-fixtures';

let t: TestApp;
let adminId: number;
let customerId: number;
let herbertId: number;
let fictionId: number;
let historyId: number;

beforeAll(async () => {
  t = await buildTestApp();
  adminId = (await createUser(t.prisma, 'admin')).id;
  customerId = (await createUser(t.prisma, 'customer')).id;
  herbertId = (await createAuthor(t.prisma, 'Frank Herbert')).id;
  fictionId = (await createCategory(t.prisma, 'Fiction')).id;
  historyId = (await createCategory(t.prisma, 'History')).id;
});
afterAll(() => t.close());

const asAdmin = () => ({ 'X-User-Id': String(adminId) });
const create = (body: object) => t.api().post('/admin/books').set(asAdmin()).send(body);
const patch = (id: number, body: object) =>
  t.api().patch(`/admin/books/${id}`).set(asAdmin()).send(body);
const searchIds = async (q: string) =>
  (await t.api().get(`/search?q=${encodeURIComponent(q)}`).expect(200)).body.items.map(
    (hit: { id: number }) => hit.id,
  );

describe('who may use admin routes', () => {
  const routes: [string, string][] = [
    ['post', '/admin/books'],
    ['patch', '/admin/books/1'],
    ['delete', '/admin/books/1'],
    ['post', '/admin/books/1/stock-adjustments'],
    ['get', '/admin/books/1/stock-adjustments'],
  ];

  test.each(routes)('%s %s is 401 without X-User-Id', async (method, path) => {
    const res = await t.api()[method as 'get'](path).send({}).expect(401);
    expect(res.body.error.code).toBe('user_required');
  });

  test.each(routes)('%s %s is 401 for an unknown user', async (method, path) => {
    const res = await t.api()[method as 'get'](path).set('X-User-Id', '999999').send({}).expect(401);
    expect(res.body.error.code).toBe('unknown_user');
  });

  test.each(routes)('%s %s is 403 for a customer', async (method, path) => {
    const res = await t.api()[method as 'get'](path).set('X-User-Id', String(customerId)).send({});
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('admin_only');
  });
});

describe('POST /admin/books', () => {
  test('creates a book, normalises its ISBN, records opening stock, makes it searchable', async () => {
    const res = await create({
      title: 'Dune Messiah',
      isbn: '0-306-40615-2',
      description: 'Paul rules an empire.',
      priceCents: 999,
      stock: 4,
      publicationYear: 1969,
      pageCount: 256,
      coverUrl: 'https://covers.example/dune-messiah.jpg',
      authorIds: [herbertId],
      categoryIds: [fictionId],
    }).expect(201);
    expect(res.body).toMatchObject({
      title: 'Dune Messiah',
      slug: 'dune-messiah',
      isbn: '9780306406157',
      priceCents: 999,
      currency: 'USD',
      stock: 4,
      inStock: true,
      language: 'en',
      unitsSold: 0,
      rating: { average: null, count: 0 },
      authors: [{ id: herbertId, name: 'Frank Herbert' }],
      categories: [{ id: fictionId, name: 'Fiction' }],
    });
    const ledger = await t.prisma.stockAdjustment.findMany({ where: { bookId: res.body.id } });
    expect(ledger).toMatchObject([{ delta: 4, reason: 'initial', stockAfter: 4, actorUserId: adminId }]);
    expect(await searchIds('messiah')).toEqual([res.body.id]);
    const detail = await t.api().get(`/books/${res.body.slug}`).expect(200);
    expect(detail.body.id).toBe(res.body.id);
  });

  test('finds or creates authors by name, in cover order', async () => {
    const first = await create({
      title: 'The Left Hand of Darkness',
      priceCents: 1200,
      authorNames: ['Ursula K. Le Guin', 'Frank Herbert'],
    }).expect(201);
    expect(first.body.authors).toEqual([
      { id: expect.any(Number), name: 'Ursula K. Le Guin', slug: 'ursula-k-le-guin' },
      { id: herbertId, name: 'Frank Herbert', slug: 'frank-herbert' },
    ]);
    expect(first.body.stock).toBe(0);
    const second = await create({ title: 'The Dispossessed', priceCents: 1100, authorNames: ['Ursula K. Le Guin'] })
      .expect(201);
    expect(second.body.authors[0].id).toBe(first.body.authors[0].id);
    expect(await searchIds('le guin')).toEqual(expect.arrayContaining([first.body.id, second.body.id]));
  });

  test('makes generated slugs unique and never all digits', async () => {
    await createBook(t.prisma, { title: 'Solaris', slug: 'solaris' });
    await createBook(t.prisma, { title: 'Solaris', slug: 'solaris-2' });
    const res = await create({ title: 'Solaris', priceCents: 900 }).expect(201);
    expect(res.body.slug).toBe('solaris-3');
    const digits = await create({ title: '2001', priceCents: 900 }).expect(201);
    expect(digits.body.slug).toBe('2001-book');
  });

  test('409 isbn_taken for the same ISBN in another form', async () => {
    const res = await create({ title: 'Copy', priceCents: 1, isbn: '978-0-306-40615-7' }).expect(409);
    expect(res.body.error.code).toBe('isbn_taken');
  });

  test('409 slug_taken for an explicit slug in use', async () => {
    const res = await create({ title: 'Another', slug: 'dune-messiah', priceCents: 1 }).expect(409);
    expect(res.body.error.code).toBe('slug_taken');
  });

  test.each([
    [{ priceCents: 100 }, 'title'],
    [{ title: 'x'.repeat(301), priceCents: 100 }, 'title'],
    [{ title: 'T', priceCents: -1 }, 'priceCents'],
    [{ title: 'T', priceCents: 9.99 }, 'priceCents'],
    [{ title: 'T', priceCents: '999' }, 'priceCents'],
    [{ title: 'T', priceCents: 1, isbn: '978-0-306-40615-8' }, 'isbn'],
    [{ title: 'T', priceCents: 1, slug: 'Bad Slug' }, 'slug'],
    [{ title: 'T', priceCents: 1, slug: '1984' }, 'slug'],
    [{ title: 'T', priceCents: 1, stock: -1 }, 'stock'],
    [{ title: 'T', priceCents: 1, currency: 'usd' }, 'currency'],
    [{ title: 'T', priceCents: 1, coverUrl: 'javascript:alert(1)' }, 'coverUrl'],
    [{ title: 'T', priceCents: 1, authorIds: [1], authorNames: ['A'] }, 'authorNames'],
    [{ title: 'T', priceCents: 1, authorIds: [999_999] }, 'authorIds'],
    [{ title: 'T', priceCents: 1, authorIds: [] }, 'authorIds'],
    [{ title: 'T', priceCents: 1, authorNames: ['!!!'] }, 'authorNames.0'],
    [{ title: 'T', priceCents: 1, categoryIds: [999_999] }, 'categoryIds'],
    [{ title: 'T', priceCents: 1, categoryIds: [1, 1] }, 'categoryIds'],
    [{ title: 'T', priceCents: 1, unitsSold: 5 }, 'unitsSold'],
  ])('%j is a 400 naming %s', async (body, field) => {
    const res = await create(body).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });
});

describe('PATCH /admin/books/:id', () => {
  let bookId: number;
  beforeAll(async () => {
    bookId = (
      await createBook(t.prisma, {
        title: 'The Name of the Rose',
        authors: ['Umberto Eco'],
        categories: ['Fiction'],
        isbn: '9783161484100',
      })
    ).id;
  });

  test('changes fields, authors and categories and refreshes search', async () => {
    const before = await t.api().get(`/books/${bookId}`).expect(200);
    const res = await patch(bookId, {
      title: 'The Island of the Day Before',
      description: 'A shipwreck in 1643.',
      priceCents: 1450,
      authorNames: ['Umberto Eco', 'William Weaver'],
      categoryIds: [historyId],
    }).expect(200);
    expect(res.body).toMatchObject({
      id: bookId,
      slug: before.body.slug,
      title: 'The Island of the Day Before',
      description: 'A shipwreck in 1643.',
      priceCents: 1450,
      stock: before.body.stock,
      authors: [{ name: 'Umberto Eco' }, { name: 'William Weaver' }],
      categories: [{ id: historyId, name: 'History' }],
    });
    expect(await searchIds('shipwreck')).toEqual([bookId]);
    expect(await searchIds('weaver')).toEqual([bookId]);
    expect(await searchIds('rose')).not.toContain(bookId);
  });

  test('clears nullable fields with null', async () => {
    const res = await patch(bookId, { isbn: null, pageCount: null }).expect(200);
    expect(res.body).toMatchObject({ isbn: null, pageCount: null });
  });

  test('409 when taking another book’s ISBN or slug', async () => {
    const other = await createBook(t.prisma, { title: 'Other', slug: 'taken-slug', isbn: '9780804429573' });
    expect((await patch(bookId, { isbn: '0-8044-2957-X' }).expect(409)).body.error.code).toBe('isbn_taken');
    expect((await patch(bookId, { slug: 'taken-slug' }).expect(409)).body.error.code).toBe('slug_taken');
    expect(other.id).not.toBe(bookId);
  });

  test.each([
    [{ stock: 5 }, 'stock'],
    [{}, '(body)'],
    [{ title: '' }, 'title'],
    [{ priceCents: null }, 'priceCents'],
  ])('%j is a 400 naming %s', async (body, field) => {
    const res = await patch(bookId, body).expect(400);
    expect(res.body.error.details[0].field).toBe(field);
  });

  test('404 for an unknown book, 400 for a bad id', async () => {
    expect((await patch(999_999, { title: 'X' }).expect(404)).body.error.code).toBe('book_not_found');
    const bad = await t.api().patch('/admin/books/abc').set(asAdmin()).send({ title: 'X' }).expect(400);
    expect(bad.body.error.details[0].field).toBe('id');
  });
});

describe('DELETE /admin/books/:id', () => {
  test('archives the book: gone from the catalogue and search, kept in the database', async () => {
    const book = await createBook(t.prisma, { title: 'Ephemeral Zebra Almanac', authors: ['Someone'] });
    expect(await searchIds('zebra almanac')).toEqual([book.id]);

    await t.api().delete(`/admin/books/${book.id}`).set(asAdmin()).expect(204);

    await t.api().get(`/books/${book.id}`).expect(404);
    expect(await searchIds('zebra almanac')).toEqual([]);
    const row = await t.prisma.book.findUnique({ where: { id: book.id } });
    expect(row?.archivedAt).toBeInstanceOf(Date);
    expect((await patch(book.id, { title: 'Back' }).expect(404)).body.error.code).toBe('book_not_found');
    const again = await t.api().delete(`/admin/books/${book.id}`).set(asAdmin()).expect(404);
    expect(again.body.error.code).toBe('book_not_found');
  });
});
