import { buildTestApp, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ settings: { recentlyViewedMax: 4 } });
});
afterAll(() => t.close());

const view = (userId: number, bookId: number) => t.api().post(`/recently-viewed/${userId}`).send({ bookId });

test('newest first, without duplicates, bounded', async () => {
  for (const bookId of [1, 2, 3]) await view(1, bookId).expect(200);
  const again = await view(1, 1).expect(200);
  expect(again.body).toEqual({ userId: 1, bookIds: [1, 3, 2] });
  await view(1, 4).expect(200);
  const res = await view(1, 5).expect(200);
  expect(res.body.bookIds).toEqual([5, 4, 1, 3]);
  expect((await t.api().get('/recently-viewed/1').expect(200)).body).toEqual({ userId: 1, bookIds: [5, 4, 1, 3] });
});

test('?limit returns the newest few', async () => {
  for (const bookId of [10, 11, 12]) await view(2, bookId).expect(200);
  expect((await t.api().get('/recently-viewed/2?limit=2').expect(200)).body.bookIds).toEqual([12, 11]);
});

test('a user with no views gets an empty list; DELETE clears the list', async () => {
  expect((await t.api().get('/recently-viewed/3').expect(200)).body).toEqual({ userId: 3, bookIds: [] });
  await view(3, 7).expect(200);
  await t.api().delete('/recently-viewed/3').expect(204);
  expect((await t.api().get('/recently-viewed/3').expect(200)).body.bookIds).toEqual([]);
});

test('users do not see each other’s lists, and lists expire', async () => {
  await view(4, 40).expect(200);
  await view(5, 50).expect(200);
  expect((await t.api().get('/recently-viewed/4').expect(200)).body.bookIds).toEqual([40]);
  expect(await t.admin.pTTL(t.keys.recentlyViewed(4))).toBeGreaterThan(0);
});

test.each([
  ['a bad user id', () => t.api().get('/recently-viewed/zero'), 'userId'],
  ['a bad limit', () => t.api().get('/recently-viewed/1?limit=500'), 'limit'],
  ['a missing book id', () => t.api().post('/recently-viewed/1').send({}), 'bookId'],
  ['a negative book id', () => t.api().post('/recently-viewed/1').send({ bookId: -1 }), 'bookId'],
])('%s is a 400', async (_case, request, field) => {
  const res = await request().expect(400);
  expect(res.body.error.details[0].field).toBe(field);
});
