import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createCategory, createUser } from './test-fixtures';

let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp();
  await createCategory(t.prisma, { name: 'Fiction', description: 'Made-up stories' });
  const books = [
    { key: 'pride', title: 'Pride and Prejudice', authors: ['Jane Austen'], categories: ['Fiction'],
      priceCents: 899, stock: 5, publicationYear: 1813, unitsSold: 50, createdAt: new Date('2020-01-01') },
    { key: 'emma', title: 'Emma', authors: ['Jane Austen'], categories: ['Fiction'],
      priceCents: 799, stock: 0, publicationYear: 1815, unitsSold: 10, createdAt: new Date('2021-01-01') },
    { key: 'dune', title: 'Dune', authors: ['Frank Herbert'], categories: ['Science Fiction', 'Fiction'],
      priceCents: 1299, stock: 3, publicationYear: 1965, unitsSold: 100, createdAt: new Date('2022-01-01') },
    { key: 'spqr', title: 'SPQR', authors: ['Mary Beard'], categories: ['History'],
      priceCents: 1599, stock: 0, publicationYear: 2015, unitsSold: 30, createdAt: new Date('2023-01-01') },
    { key: 'mansfield', title: 'Mansfield Park', authors: ['Jane Austen'], categories: ['Fiction'],
      priceCents: 899, stock: 2, publicationYear: 1814, unitsSold: 10, createdAt: new Date('2019-01-01') },
    { key: 'archived', title: 'A Withdrawn Edition', authors: ['Jane Austen'], categories: ['Fiction'],
      priceCents: 500, stock: 1, archived: true },
  ];
  for (const { key, ...fixture } of books) ids[key] = (await createBook(t.prisma, fixture)).id;

  for (const rating of [5, 4, 4]) {
    const user = await createUser(t.prisma);
    await t.prisma.review.create({ data: { bookId: ids.pride!, userId: user.id, rating } });
  }
});
afterAll(() => t.close());

const titles = (body: { items: { title: string }[] }) => body.items.map((book) => book.title);

describe('GET /books', () => {
  test('lists visible books by title with summaries, never archived ones', async () => {
    const res = await t.api().get('/books').expect(200);
    expect(titles(res.body)).toEqual(['Dune', 'Emma', 'Mansfield Park', 'Pride and Prejudice', 'SPQR']);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 5, totalPages: 1 });
    const dune = res.body.items[0];
    expect(dune).toEqual({
      id: ids.dune,
      slug: expect.stringMatching(/^dune/),
      title: 'Dune',
      isbn: null,
      priceCents: 1299,
      currency: 'USD',
      stock: 3,
      inStock: true,
      publicationYear: 1965,
      coverUrl: null,
      authors: [{ id: expect.any(Number), name: 'Frank Herbert', slug: 'frank-herbert' }],
      categories: [
        { id: expect.any(Number), name: 'Fiction', slug: 'fiction' },
        { id: expect.any(Number), name: 'Science Fiction', slug: 'science-fiction' },
      ],
    });
  });

  test('paginates with totals', async () => {
    const second = await t.api().get('/books?pageSize=2&page=2').expect(200);
    expect(titles(second.body)).toEqual(['Mansfield Park', 'Pride and Prejudice']);
    expect(second.body).toMatchObject({ page: 2, pageSize: 2, total: 5, totalPages: 3 });
    const last = await t.api().get('/books?pageSize=2&page=3').expect(200);
    expect(titles(last.body)).toEqual(['SPQR']);
    const beyond = await t.api().get('/books?pageSize=2&page=4').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 5 });
  });

  test('filters by category slug and author slug', async () => {
    const fiction = await t.api().get('/books?category=fiction').expect(200);
    expect(titles(fiction.body)).toEqual(['Dune', 'Emma', 'Mansfield Park', 'Pride and Prejudice']);
    const austen = await t.api().get('/books?author=jane-austen&category=fiction').expect(200);
    expect(titles(austen.body)).toEqual(['Emma', 'Mansfield Park', 'Pride and Prejudice']);
    expect(austen.body.total).toBe(3);
    const nobody = await t.api().get('/books?author=no-such-author').expect(200);
    expect(nobody.body).toMatchObject({ items: [], total: 0, totalPages: 0 });
  });

  test('filters by price range in cents, bounds included', async () => {
    const res = await t.api().get('/books?minPrice=899&maxPrice=1299').expect(200);
    expect(titles(res.body)).toEqual(['Dune', 'Mansfield Park', 'Pride and Prejudice']);
    const cheap = await t.api().get('/books?maxPrice=800').expect(200);
    expect(titles(cheap.body)).toEqual(['Emma']);
  });

  test('filters by stock', async () => {
    const inStock = await t.api().get('/books?inStock=true').expect(200);
    expect(titles(inStock.body)).toEqual(['Dune', 'Mansfield Park', 'Pride and Prejudice']);
    const soldOut = await t.api().get('/books?inStock=false').expect(200);
    expect(titles(soldOut.body)).toEqual(['Emma', 'SPQR']);
    expect(soldOut.body.items.every((book: { inStock: boolean }) => !book.inStock)).toBe(true);
  });

  test.each([
    ['price_asc', ['Emma', 'Pride and Prejudice', 'Mansfield Park', 'Dune', 'SPQR']],
    ['price_desc', ['SPQR', 'Dune', 'Pride and Prejudice', 'Mansfield Park', 'Emma']],
    ['newest', ['SPQR', 'Dune', 'Emma', 'Pride and Prejudice', 'Mansfield Park']],
    ['bestselling', ['Dune', 'Pride and Prejudice', 'SPQR', 'Emma', 'Mansfield Park']],
  ])('sort=%s orders the books, equal values by id', async (sort, expected) => {
    const res = await t.api().get(`/books?sort=${sort}`).expect(200);
    expect(titles(res.body)).toEqual(expected);
  });

  test.each([
    ['pageSize=101', 'pageSize'],
    ['page=0', 'page'],
    ['sort=cheapest', 'sort'],
    ['minPrice=-1', 'minPrice'],
    ['maxPrice=ten', 'maxPrice'],
    ['minPrice=900&maxPrice=100', 'maxPrice'],
    ['inStock=yes', 'inStock'],
    [`category=${'x'.repeat(321)}`, 'category'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const res = await t.api().get(`/books?${query}`).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field })]),
    );
  });
});

describe('GET /books/:idOrSlug', () => {
  test('returns the detail with authors, categories, stock and rating', async () => {
    const res = await t.api().get(`/books/${ids.pride}`).expect(200);
    expect(res.body).toMatchObject({
      id: ids.pride,
      title: 'Pride and Prejudice',
      stock: 5,
      inStock: true,
      description: '',
      language: 'en',
      pageCount: null,
      unitsSold: 50,
      // (5 + 4 + 4) / 3 = 4.333…
      rating: { average: 4.3, count: 3 },
      authors: [{ name: 'Jane Austen', slug: 'jane-austen' }],
      categories: [{ name: 'Fiction', slug: 'fiction' }],
    });
    expect(Date.parse(res.body.createdAt)).not.toBeNaN();
    expect(Date.parse(res.body.updatedAt)).not.toBeNaN();
  });

  test('finds the same book by slug', async () => {
    const byId = await t.api().get(`/books/${ids.dune}`).expect(200);
    const bySlug = await t.api().get(`/books/${byId.body.slug}`).expect(200);
    expect(bySlug.body).toEqual(byId.body);
    expect(bySlug.body.rating).toEqual({ average: null, count: 0 });
  });

  test('archived and unknown books are 404', async () => {
    for (const key of [ids.archived, 999_999, 'no-such-book']) {
      const res = await t.api().get(`/books/${key}`).expect(404);
      expect(res.body.error.code).toBe('book_not_found');
    }
  });

  test('an id beyond the integer range is a 400', async () => {
    const res = await t.api().get('/books/99999999999').expect(400);
    expect(res.body.error.details[0].field).toBe('idOrSlug');
  });
});

describe('categories', () => {
  test('GET /categories lists each with its count of visible books', async () => {
    const res = await t.api().get('/categories').expect(200);
    expect(res.body.items).toEqual([
      { id: expect.any(Number), name: 'Fiction', slug: 'fiction', description: 'Made-up stories', bookCount: 4 },
      { id: expect.any(Number), name: 'History', slug: 'history', description: '', bookCount: 1 },
      { id: expect.any(Number), name: 'Science Fiction', slug: 'science-fiction', description: '', bookCount: 1 },
    ]);
  });

  test('GET /categories/:slug returns one, 404 when unknown', async () => {
    const res = await t.api().get('/categories/history').expect(200);
    expect(res.body).toMatchObject({ name: 'History', slug: 'history', bookCount: 1 });
    const missing = await t.api().get('/categories/poetry').expect(404);
    expect(missing.body.error.code).toBe('category_not_found');
  });
});

describe('GET /authors/:slug', () => {
  test('returns the author with their visible books, oldest first', async () => {
    const res = await t.api().get('/authors/jane-austen').expect(200);
    expect(res.body).toMatchObject({ name: 'Jane Austen', slug: 'jane-austen', bio: '', birthYear: null });
    expect(titles({ items: res.body.books })).toEqual(['Pride and Prejudice', 'Mansfield Park', 'Emma']);
  });

  test('an unknown author is a 404', async () => {
    const res = await t.api().get('/authors/nobody-at-all').expect(404);
    expect(res.body.error.code).toBe('author_not_found');
  });
});
