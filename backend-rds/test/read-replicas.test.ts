import supertest from 'supertest';
import { createApp } from '../src/app';
import { createDatabase, type Database } from '../src/db/client';
import { createBook } from '../src/catalog/test-fixtures';
import { TEST_SERVICE_TOKEN, baseTestDeps } from './app';
import { createTestDatabase, type TestDatabase } from './database';

/**
 * DATABASE_REPLICA_URLS routes catalog reads to a replica and keeps writes on the primary.
 * Two real databases stand in for an RDS primary and its replica; they hold different data
 * on purpose, so each answer shows which one served it.
 */
let primary: TestDatabase;
let replica: TestDatabase;
let database: Database;
let api: () => supertest.Agent;

beforeAll(async () => {
  primary = await createTestDatabase();
  replica = await createTestDatabase();
  await createBook(primary.prisma, { title: 'Only On The Primary', priceCents: 1000, stock: 5 });
  await createBook(replica.prisma, { title: 'Only On The Replica', priceCents: 1000, stock: 5 });
  database = createDatabase({ url: primary.url, poolSize: 4, replicaUrls: [replica.url] });
  const app = createApp({ db: database, ...baseTestDeps() });
  api = () => supertest.agent(app).set('Authorization', `Bearer ${TEST_SERVICE_TOKEN}`);
});

afterAll(async () => {
  await database.disconnect();
  await Promise.all([primary.drop(), replica.drop()]);
});

test('the catalog is read from the replica', async () => {
  const res = await api().get('/books').expect(200);
  expect(res.body.items.map((b: { title: string }) => b.title)).toEqual(['Only On The Replica']);
});

test('search is read from the replica', async () => {
  const res = await api().get('/search').query({ q: 'only on the' }).expect(200);
  expect(res.body.items.map((b: { title: string }) => b.title)).toEqual(['Only On The Replica']);
});

test('writes go to the primary', async () => {
  const res = await api()
    .post('/users')
    .send({ email: 'reader@example.com', password: 'a-long-password', name: 'Reader' })
    .expect(201);
  expect(await primary.prisma.user.count({ where: { id: res.body.id } })).toBe(1);
  expect(await replica.prisma.user.count()).toBe(0);
});
