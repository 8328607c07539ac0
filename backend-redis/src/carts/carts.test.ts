import { buildTestApp, sleep, unknownSessionId, type TestApp } from '../../test/app';

let t: TestApp;
let nextUserId = 1000;
const newUser = () => nextUserId++;

beforeAll(async () => {
  t = await buildTestApp({ settings: { maxQuantityPerBook: 5, maxCartLines: 3 } });
});
afterAll(() => t.close());

const add = (path: string, bookId: number, quantity: number) =>
  t.api().post(`${path}/items`).send({ bookId, quantity });

describe('a user cart', () => {
  test('starts empty', async () => {
    const res = await t.api().get(`/carts/user/${newUser()}`).expect(200);
    expect(res.body).toMatchObject({ owner: { kind: 'user' }, items: [], totalQuantity: 0 });
  });

  test('adding the same book adds up; lines come back in book order', async () => {
    const path = `/carts/user/${newUser()}`;
    await add(path, 9, 1).expect(200);
    await add(path, 3, 2).expect(200);
    const res = await add(path, 9, 2).expect(200);
    expect(res.body.items).toEqual([
      { bookId: 3, quantity: 2 },
      { bookId: 9, quantity: 3 },
    ]);
    expect(res.body.totalQuantity).toBe(5);
    expect(await t.admin.pTTL(t.keys.userCart(Number(path.split('/').pop())))).toBe(-1);
  });

  test('a quantity over the cap is refused (422) and the cart is unchanged', async () => {
    const path = `/carts/user/${newUser()}`;
    await add(path, 1, 4).expect(200);
    const res = await add(path, 1, 2).expect(422);
    expect(res.body.error).toMatchObject({
      code: 'quantity_limit',
      details: { bookId: 1, maxQuantity: 5, quantityInCart: 4 },
    });
    const cart = await t.api().get(path).expect(200);
    expect(cart.body.items).toEqual([{ bookId: 1, quantity: 4 }]);
  });

  test('a new line in a full cart is refused; existing lines can still change', async () => {
    const path = `/carts/user/${newUser()}`;
    for (const bookId of [1, 2, 3]) await add(path, bookId, 1).expect(200);
    const res = await add(path, 4, 1).expect(422);
    expect(res.body.error).toMatchObject({ code: 'cart_full', details: { maxLines: 3 } });
    await add(path, 2, 1).expect(200);
  });

  test('concurrent adds cannot get past the cap together', async () => {
    const path = `/carts/user/${newUser()}`;
    const results = await Promise.all(Array.from({ length: 10 }, () => add(path, 7, 1)));
    expect(results.filter((r) => r.status === 200)).toHaveLength(5);
    expect(results.filter((r) => r.status === 422)).toHaveLength(5);
    const cart = await t.api().get(path).expect(200);
    expect(cart.body.items).toEqual([{ bookId: 7, quantity: 5 }]);
  });

  test('PUT sets a quantity, within the cap', async () => {
    const path = `/carts/user/${newUser()}`;
    await add(path, 5, 1).expect(200);
    const res = await t.api().put(`${path}/items/5`).send({ quantity: 4 }).expect(200);
    expect(res.body.items).toEqual([{ bookId: 5, quantity: 4 }]);
    await t.api().put(`${path}/items/6`).send({ quantity: 2 }).expect(200);
    const over = await t.api().put(`${path}/items/5`).send({ quantity: 6 }).expect(422);
    expect(over.body.error.code).toBe('quantity_limit');
    await t.api().put(`${path}/items/5`).send({ quantity: 0 }).expect(400);
  });

  test('DELETE of a line removes it; a missing line is no error', async () => {
    const path = `/carts/user/${newUser()}`;
    await add(path, 1, 1).expect(200);
    await add(path, 2, 1).expect(200);
    const res = await t.api().delete(`${path}/items/1`).expect(200);
    expect(res.body.items).toEqual([{ bookId: 2, quantity: 1 }]);
    const again = await t.api().delete(`${path}/items/1`).expect(200);
    expect(again.body.items).toEqual([{ bookId: 2, quantity: 1 }]);
  });

  test('DELETE of the cart clears it', async () => {
    const path = `/carts/user/${newUser()}`;
    await add(path, 1, 1).expect(200);
    await t.api().delete(path).expect(204);
    expect((await t.api().get(path).expect(200)).body.items).toEqual([]);
  });
});

describe('input validation', () => {
  test.each([
    ['an unknown owner kind', '/carts/admin/1'],
    ['a non-numeric user id', '/carts/user/abc'],
    ['a huge user id', '/carts/user/99999999999'],
    ['a malformed guest session id', '/carts/guest/not-a-session'],
  ])('%s is a 400', async (_case, path) => {
    const res = await t.api().get(path).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  test.each([
    [{ bookId: '1', quantity: 1 }, 'bookId'],
    [{ bookId: 1, quantity: 1_000_000 }, 'quantity'],
    [{ bookId: 1, quantity: 1.5 }, 'quantity'],
    [{ bookId: 1 }, 'quantity'],
    [{ bookId: 1, quantity: 1, price: 3 }, 'price'],
  ])('body %j is a 400 naming %s', async (body, field) => {
    const res = await t.api().post(`/carts/user/${newUser()}/items`).send(body).expect(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  test('a bad book id in the path is a 400', async () => {
    await t.api().put(`/carts/user/${newUser()}/items/x`).send({ quantity: 1 }).expect(400);
  });
});

describe('a guest cart', () => {
  test('works like a user cart and expires, its expiry sliding with each change', async () => {
    const short = await buildTestApp({ settings: { guestCartTtlMs: 600 } });
    try {
      const sessionId = unknownSessionId();
      const path = `/carts/guest/${sessionId}`;
      const res = await short.api().post(`${path}/items`).send({ bookId: 1, quantity: 2 }).expect(200);
      expect(res.body).toMatchObject({ owner: { kind: 'guest', id: sessionId }, totalQuantity: 2 });
      await sleep(300);
      await short.api().post(`${path}/items`).send({ bookId: 2, quantity: 1 }).expect(200);
      await sleep(300);
      expect((await short.api().get(path).expect(200)).body.items).toHaveLength(2);
      await sleep(400);
      expect((await short.api().get(path).expect(200)).body.items).toEqual([]);
    } finally {
      await short.close();
    }
  });
});

describe('POST /carts/user/:userId/merge', () => {
  async function guestCartWith(lines: Array<[number, number]>) {
    const sessionId = unknownSessionId();
    for (const [bookId, quantity] of lines) await add(`/carts/guest/${sessionId}`, bookId, quantity).expect(200);
    return sessionId;
  }

  test('adds the guest cart to the user cart, capped, and removes the guest cart', async () => {
    const userId = newUser();
    await add(`/carts/user/${userId}`, 1, 4).expect(200);
    const guestSessionId = await guestCartWith([
      [1, 3],
      [2, 2],
    ]);
    const res = await t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId }).expect(200);
    expect(res.body.merged).toBe(true);
    expect(res.body.cart.items).toEqual([
      { bookId: 1, quantity: 5 },
      { bookId: 2, quantity: 2 },
    ]);
    expect((await t.api().get(`/carts/guest/${guestSessionId}`).expect(200)).body.items).toEqual([]);

    const again = await t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId }).expect(200);
    expect(again.body.merged).toBe(false);
    expect(again.body.cart.items).toEqual(res.body.cart.items);
  });

  test('merges exactly once under 20 concurrent sign-ins', async () => {
    const userId = newUser();
    await add(`/carts/user/${userId}`, 1, 1).expect(200);
    const guestSessionId = await guestCartWith([
      [1, 2],
      [3, 1],
    ]);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(results.filter((r) => r.body.merged === true)).toHaveLength(1);
    const cart = await t.api().get(`/carts/user/${userId}`).expect(200);
    expect(cart.body.items).toEqual([
      { bookId: 1, quantity: 3 },
      { bookId: 3, quantity: 1 },
    ]);
  });

  test('a guest cart goes to one user only: another user gets 409', async () => {
    const [first, second] = [newUser(), newUser()];
    const guestSessionId = await guestCartWith([[4, 1]]);
    const results = await Promise.all(
      [first, second, first, second].map((userId) =>
        t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId }),
      ),
    );
    const winners = new Set(results.filter((r) => r.status === 200).map((r) => r.body.cart.owner.id));
    expect(winners.size).toBe(1);
    const conflict = results.find((r) => r.status === 409);
    expect(conflict?.body.error.code).toBe('guest_cart_claimed');
    const totals = await Promise.all(
      [first, second].map(async (id) => (await t.api().get(`/carts/user/${id}`)).body.totalQuantity),
    );
    expect(totals.sort()).toEqual([0, 1]);
  });

  test('finishes a merge interrupted after the claim, without adding twice', async () => {
    const userId = newUser();
    const guestSessionId = await guestCartWith([[8, 2]]);
    // Step one alone, as if the service died before step two.
    await t.deps.redis.claimGuestCart(
      {
        cart: t.keys.guestCart(guestSessionId),
        claimed: t.keys.guestCartClaimed(guestSessionId),
        claimedBy: t.keys.guestCartClaimedBy(guestSessionId),
      },
      userId,
      60_000,
    );
    const retry = await t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId }).expect(200);
    expect(retry.body).toMatchObject({ merged: true, cart: { items: [{ bookId: 8, quantity: 2 }] } });
    const again = await t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId }).expect(200);
    expect(again.body).toMatchObject({ merged: false, cart: { items: [{ bookId: 8, quantity: 2 }] } });
  });

  test('lines that do not fit a full user cart are reported, not lost silently', async () => {
    const userId = newUser();
    for (const bookId of [1, 2, 3]) await add(`/carts/user/${userId}`, bookId, 1).expect(200);
    const guestSessionId = await guestCartWith([
      [2, 1],
      [9, 1],
    ]);
    const res = await t.api().post(`/carts/user/${userId}/merge`).send({ guestSessionId }).expect(200);
    expect(res.body.merged).toBe(true);
    expect(res.body.droppedBookIds).toEqual([9]);
    expect(res.body.cart.items).toContainEqual({ bookId: 2, quantity: 2 });
  });

  test('an empty or unknown guest cart merges nothing', async () => {
    const res = await t
      .api()
      .post(`/carts/user/${newUser()}/merge`)
      .send({ guestSessionId: unknownSessionId() })
      .expect(200);
    expect(res.body).toMatchObject({ merged: false, droppedBookIds: [], cart: { items: [] } });
  });

  test('the guest session id is validated', async () => {
    const res = await t.api().post(`/carts/user/${newUser()}/merge`).send({ guestSessionId: '{x}' }).expect(400);
    expect(res.body.error.details[0].field).toBe('guestSessionId');
    await t.api().post('/carts/guest/abc/merge').send({ guestSessionId: unknownSessionId() }).expect(404);
  });
});
