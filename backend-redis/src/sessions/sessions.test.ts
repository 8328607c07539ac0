import { buildTestApp, sleep, unknownSessionId, type TestApp } from '../../test/app';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp({ settings: { sessionTtlMs: 500 } });
});
afterAll(() => t.close());

const createSession = async (data: object = { cartCount: 0 }) =>
  (await t.api().post('/sessions').send({ data }).expect(201)).body;

describe('POST /sessions', () => {
  test('creates a session with a long random id', async () => {
    const session = await createSession({ theme: 'dark' });
    expect(session.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(session.data).toEqual({ theme: 'dark' });
    expect(session.expiresInMs).toBe(500);
    expect(Date.parse(session.createdAt)).not.toBeNaN();
    const other = await createSession();
    expect(other.sessionId).not.toBe(session.sessionId);
  });

  test('data is optional', async () => {
    const res = await t.api().post('/sessions').expect(201);
    expect(res.body.data).toEqual({});
  });

  test('unknown fields and oversized data are 400s', async () => {
    const unknown = await t.api().post('/sessions').send({ data: {}, admin: true }).expect(400);
    expect(unknown.body.error.code).toBe('validation_failed');
    expect(unknown.body.error.details).toEqual([{ field: 'admin', message: 'Unknown field: admin' }]);

    const huge = await t.api().post('/sessions').send({ data: { blob: 'x'.repeat(9000) } }).expect(400);
    expect(huge.body.error.details[0].field).toBe('data');

    const notObject = await t.api().post('/sessions').send({ data: [1, 2] }).expect(400);
    expect(notObject.body.error.code).toBe('validation_failed');
  });
});

describe('GET /sessions/:id', () => {
  test('reads the session back', async () => {
    const { sessionId } = await createSession({ userId: 7 });
    const res = await t.api().get(`/sessions/${sessionId}`).expect(200);
    expect(res.body).toMatchObject({ sessionId, data: { userId: 7 } });
  });

  test('a session expires when idle, and every read slides its expiry', async () => {
    const { sessionId } = await createSession();
    // Five reads 200 ms apart outlive the 500 ms TTL only because each read renews it.
    for (let i = 0; i < 5; i++) {
      await sleep(200);
      await t.api().get(`/sessions/${sessionId}`).expect(200);
    }
    expect(await t.admin.pTTL(t.keys.session(sessionId))).toBeGreaterThan(250);
    await sleep(600);
    const res = await t.api().get(`/sessions/${sessionId}`).expect(404);
    expect(res.body.error.code).toBe('session_not_found');
  });

  test('an unknown id is a 404, a malformed one a 400', async () => {
    await t.api().get(`/sessions/${unknownSessionId()}`).expect(404);
    const res = await t.api().get('/sessions/short').expect(400);
    expect(res.body.error.details[0].field).toBe('sessionId');
  });
});

describe('PUT /sessions/:id', () => {
  test('replaces the data and keeps the creation time', async () => {
    const created = await createSession({ step: 1 });
    const res = await t.api().put(`/sessions/${created.sessionId}`).send({ data: { step: 2 } }).expect(200);
    expect(res.body).toMatchObject({ sessionId: created.sessionId, data: { step: 2 }, createdAt: created.createdAt });
    const read = await t.api().get(`/sessions/${created.sessionId}`).expect(200);
    expect(read.body.data).toEqual({ step: 2 });
  });

  test('an unknown session is a 404 and is not created', async () => {
    const sessionId = unknownSessionId();
    await t.api().put(`/sessions/${sessionId}`).send({ data: {} }).expect(404);
    expect(await t.admin.exists(t.keys.session(sessionId))).toBe(0);
  });

  test('data is required', async () => {
    const { sessionId } = await createSession();
    await t.api().put(`/sessions/${sessionId}`).send({}).expect(400);
  });
});

describe('DELETE /sessions/:id', () => {
  test('destroys the session; destroying again is harmless', async () => {
    const { sessionId } = await createSession();
    await t.api().delete(`/sessions/${sessionId}`).expect(204);
    await t.api().get(`/sessions/${sessionId}`).expect(404);
    await t.api().delete(`/sessions/${sessionId}`).expect(204);
  });
});

describe('POST /sessions/:id/rotate', () => {
  test('issues a new id with the data, and the old id is worthless at once', async () => {
    const before = await createSession({ cartCount: 2 });
    const res = await t.api().post(`/sessions/${before.sessionId}/rotate`).send({ data: { userId: 42 } }).expect(201);
    expect(res.body.sessionId).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(res.body.sessionId).not.toBe(before.sessionId);
    expect(res.body.data).toEqual({ userId: 42 });
    await t.api().get(`/sessions/${before.sessionId}`).expect(404);
    await t.api().get(`/sessions/${res.body.sessionId}`).expect(200);
  });

  test('keeps the data when none is given', async () => {
    const before = await createSession({ cartCount: 3 });
    const res = await t.api().post(`/sessions/${before.sessionId}/rotate`).expect(201);
    expect(res.body.data).toEqual({ cartCount: 3 });
  });

  test('concurrent rotations of one id: exactly one wins', async () => {
    const { sessionId } = await createSession();
    const results = await Promise.all(
      Array.from({ length: 10 }, () => t.api().post(`/sessions/${sessionId}/rotate`)),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, ...Array(9).fill(404)]);
  });

  test('an unknown session cannot be rotated', async () => {
    const res = await t.api().post(`/sessions/${unknownSessionId()}/rotate`).expect(404);
    expect(res.body.error.code).toBe('session_not_found');
  });
});
