import { buildTestApp, type TestApp } from '../../test/app';
import { createBook, createUser, orderBody } from '../orders/test-fixtures';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const review = (bookId: number, reviewerId: number, body: object) =>
  t.api().post(`/books/${bookId}/reviews`).set('X-User-Id', String(reviewerId)).send(body);

describe('POST /books/:id/reviews', () => {
  test('a buyer’s review is a verified purchase; a non-buyer’s is not', async () => {
    const book = await createBook(t.prisma);
    const [buyer, browser] = [await createUser(t.prisma, { name: 'Buyer' }), await createUser(t.prisma)];
    await t.api().post('/orders').set('X-User-Id', String(buyer.id)).send(orderBody([{ bookId: book.id, quantity: 1 }])).expect(201);

    const bought = await review(book.id, buyer.id, { rating: 5, title: ' Loved it ', body: 'Read it twice.' });
    expect(bought.status).toBe(201);
    expect(bought.body).toEqual({
      id: expect.any(Number),
      bookId: book.id,
      user: { id: buyer.id, name: 'Buyer' },
      rating: 5,
      title: 'Loved it',
      body: 'Read it twice.',
      verifiedPurchase: true,
      createdAt: expect.any(String),
    });
    const browsed = await review(book.id, browser.id, { rating: 2 }).expect(201);
    expect(browsed.body).toMatchObject({ verifiedPurchase: false, title: '', body: '' });
  });

  test('a cancelled order does not make a verified purchase', async () => {
    const book = await createBook(t.prisma);
    const user = await createUser(t.prisma);
    const order = await t.api().post('/orders').set('X-User-Id', String(user.id)).send(orderBody([{ bookId: book.id, quantity: 1 }]));
    await t.api().post(`/orders/${order.body.id}/cancel`).set('X-User-Id', String(user.id)).expect(200);
    const res = await review(book.id, user.id, { rating: 3 }).expect(201);
    expect(res.body.verifiedPurchase).toBe(false);
  });

  test('a second review of the same book is 409 already_reviewed', async () => {
    const book = await createBook(t.prisma);
    const user = await createUser(t.prisma);
    await review(book.id, user.id, { rating: 4 }).expect(201);
    const res = await review(book.id, user.id, { rating: 1 }).expect(409);
    expect(res.body.error.code).toBe('already_reviewed');
  });

  test('unknown and archived books are 404; an unknown reviewer is 401', async () => {
    const user = await createUser(t.prisma);
    const archived = await createBook(t.prisma, { archived: true });
    expect((await review(archived.id, user.id, { rating: 4 })).body.error.code).toBe('book_not_found');
    expect((await review(2_000_000_000, user.id, { rating: 4 })).status).toBe(404);
    const book = await createBook(t.prisma);
    const res = await review(book.id, 2_000_000_000, { rating: 4 });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('unknown_user');
  });

  test('a body cannot review for another user: a userId in it is refused; no X-User-Id is 401', async () => {
    const [author, other] = [await createUser(t.prisma), await createUser(t.prisma)];
    const book = await createBook(t.prisma);
    const res = await review(book.id, other.id, { userId: author.id, rating: 5 });
    expect(res.status).toBe(400);
    expect(res.body.error.details).toContainEqual(expect.objectContaining({ field: 'userId' }));
    const anonymous = await t.api().post(`/books/${book.id}/reviews`).send({ rating: 5 });
    expect(anonymous.status).toBe(401);
    expect(await t.prisma.review.count({ where: { bookId: book.id } })).toBe(0);
  });

  test.each([
    ['rating 0', { rating: 0 }, 'rating'],
    ['rating 6', { rating: 6 }, 'rating'],
    ['rating 4.5', { rating: 4.5 }, 'rating'],
    ['rating as text', { rating: '5' }, 'rating'],
    ['title over 200', { rating: 5, title: 't'.repeat(201) }, 'title'],
    ['body over 5000', { rating: 5, body: 'b'.repeat(5_001) }, 'body'],
    ['unknown field', { rating: 5, verifiedPurchase: true }, 'verifiedPurchase'],
  ])('%s is a 400 naming the field', async (_case, fields, field) => {
    const [user, book] = [await createUser(t.prisma), await createBook(t.prisma)];
    const res = await review(book.id, user.id, { ...fields });
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });
});

describe('GET /books/:id/reviews', () => {
  test('lists newest first with pagination', async () => {
    const book = await createBook(t.prisma);
    const ids: number[] = [];
    for (const rating of [1, 2, 3]) {
      const user = await createUser(t.prisma);
      ids.push((await review(book.id, user.id, { rating, body: "'; DROP TABLE reviews; --" })).body.id);
    }
    const page1 = await t.api().get(`/books/${book.id}/reviews?pageSize=2`).expect(200);
    expect(page1.body).toMatchObject({ page: 1, pageSize: 2, total: 3, totalPages: 2 });
    expect(page1.body.items.map((r: { id: number }) => r.id)).toEqual([ids[2], ids[1]]);
    const page2 = await t.api().get(`/books/${book.id}/reviews?pageSize=2&page=2`).expect(200);
    expect(page2.body.items.map((r: { rating: number }) => r.rating)).toEqual([1]);
  });

  test('404 for an archived book, 400 for a bad page size', async () => {
    const archived = await createBook(t.prisma, { archived: true });
    expect((await t.api().get(`/books/${archived.id}/reviews`)).status).toBe(404);
    const book = await createBook(t.prisma);
    const res = await t.api().get(`/books/${book.id}/reviews?pageSize=1000`).expect(400);
    expect(res.body.error.details[0].field).toBe('pageSize');
  });
});
