import { buildTestApp, type TestApp } from '../../test/app';
import argon2 from 'argon2';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

const register = (body: object) => t.api().post('/users').send(body);

describe('POST /users', () => {
  test('registers a customer with a trimmed e-mail and never returns the hash', async () => {
    const res = await register({ email: '  Ada@Example.com ', password: 'correct horse battery', name: ' Ada ' });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(Number),
      email: 'Ada@Example.com',
      name: 'Ada',
      role: 'customer',
      createdAt: expect.any(String),
    });
    const row = await t.prisma.user.findUniqueOrThrow({ where: { id: res.body.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
  });

  test('an e-mail taken in any letter case is 409 email_taken', async () => {
    await register({ email: 'grace@example.com', password: 'correct horse battery', name: 'Grace' }).expect(201);
    const res = await register({ email: 'GRACE@example.COM', password: 'another password!', name: 'Imposter' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('email_taken');
  });

  test.each([
    ['short password', { email: 'a@example.com', password: 'short', name: 'A' }, 'password'],
    ['password over 200', { email: 'a@example.com', password: 'x'.repeat(201), name: 'A' }, 'password'],
    ['not an e-mail', { email: 'nobody', password: 'long enough pw', name: 'A' }, 'email'],
    ['empty name', { email: 'a@example.com', password: 'long enough pw', name: '  ' }, 'name'],
    ['name over 100', { email: 'a@example.com', password: 'long enough pw', name: 'n'.repeat(101) }, 'name'],
    ['name as a number', { email: 'a@example.com', password: 'long enough pw', name: 42 }, 'name'],
    ['a role smuggled in', { email: 'a@example.com', password: 'long enough pw', name: 'A', role: 'admin' }, 'role'],
  ])('%s is a 400 naming the field', async (_case, body, field) => {
    const res = await register(body);
    expect(res.status).toBe(400);
    expect(res.body.error.details.map((d: { field: string }) => d.field)).toContain(field);
  });

  test('SQL-looking names are just names', async () => {
    const name = "x'); DELETE FROM users; --";
    const res = await register({ email: 'bobby@example.com', password: 'correct horse battery', name });
    expect(res.status).toBe(201);
    expect(res.body.name).toBe(name);
  });
});

describe('POST /users/verify-credentials', () => {
  beforeAll(async () => {
    await register({ email: 'linus@example.com', password: 'penguins-rule-42', name: 'Linus' }).expect(201);
  });

  test('the right password (any e-mail case) returns the user', async () => {
    const res = await t
      .api()
      .post('/users/verify-credentials')
      .send({ email: ' LINUS@example.com', password: 'penguins-rule-42' })
      .expect(200);
    expect(res.body).toMatchObject({ email: 'linus@example.com', name: 'Linus', role: 'customer' });
    expect(res.body.passwordHash).toBeUndefined();
  });

  test('a wrong password and an unknown e-mail get the same 401 body', async () => {
    const wrong = await t
      .api()
      .post('/users/verify-credentials')
      .send({ email: 'linus@example.com', password: 'penguins-rule-43' });
    const unknown = await t
      .api()
      .post('/users/verify-credentials')
      .send({ email: 'nobody@example.com', password: 'penguins-rule-42' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const withoutRequestId = (body: { error: object }) => ({ ...body.error, requestId: undefined });
    expect(withoutRequestId(wrong.body)).toEqual(withoutRequestId(unknown.body));
    expect(wrong.body.error.code).toBe('invalid_credentials');
  });

  test('an unknown e-mail still costs an argon2 verification (against a dummy hash)', async () => {
    const verify = jest.spyOn(argon2, 'verify');
    await t
      .api()
      .post('/users/verify-credentials')
      .send({ email: 'ghost@example.com', password: 'whatever-1234' })
      .expect(401);
    expect(verify).toHaveBeenCalledTimes(1);
    expect(verify).toHaveBeenCalledWith(expect.stringMatching(/^\$argon2id\$/), 'whatever-1234');
    verify.mockRestore();
  });

  test('missing fields are a 400', async () => {
    const res = await t.api().post('/users/verify-credentials').send({ email: 'linus@example.com' }).expect(400);
    expect(res.body.error.details[0].field).toBe('password');
  });
});

describe('GET /users/:id', () => {
  let userId: number;
  let otherId: number;
  let adminId: number;
  beforeAll(async () => {
    userId = (await register({ email: 'me@example.com', password: 'long enough pw', name: 'Me' })).body.id;
    otherId = (await register({ email: 'other@example.com', password: 'long enough pw', name: 'Other' })).body.id;
    adminId = (await t.prisma.user.create({ data: { email: 'boss@example.com', name: 'Boss', passwordHash: 'x', role: 'admin' } })).id;
  });

  test('a user reads their own profile; an admin reads anyone’s', async () => {
    const own = await t.api().get(`/users/${userId}`).set('X-User-Id', String(userId)).expect(200);
    expect(own.body).toMatchObject({ id: userId, email: 'me@example.com', name: 'Me' });
    expect(own.body.passwordHash).toBeUndefined();
    await t.api().get(`/users/${userId}`).set('X-User-Id', String(adminId)).expect(200);
  });

  test('another customer gets 404 like a missing user, no header 401, unknown user 404 (admin), bad id 400', async () => {
    const other = await t.api().get(`/users/${userId}`).set('X-User-Id', String(otherId));
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('user_not_found');
    expect((await t.api().get(`/users/${userId}`)).status).toBe(401);
    const missing = await t.api().get('/users/2000000000').set('X-User-Id', String(adminId));
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('user_not_found');
    expect((await t.api().get('/users/abc').set('X-User-Id', String(adminId))).status).toBe(400);
  });
});
