import { buildTestApp, type TestApp } from '../../test/app';
import { refreshSearchDocuments } from '../catalog/search-document';
import { createBook, createUser } from '../catalog/test-fixtures';
import { correctSpelling } from './spelling';

// Search corrects typos to the words of titles and author names: every write that changes
// a book must bring its words into the vocabulary, or a typo of a new title finds nothing.
let t: TestApp;
let adminId: number;

beforeAll(async () => {
  t = await buildTestApp();
  adminId = (await createUser(t.prisma, 'admin')).id;
});
afterAll(() => t.close());

const asAdmin = () => ({ 'X-User-Id': String(adminId) });
const searchTitles = async (q: string): Promise<string[]> =>
  (await t.api().get(`/search?q=${encodeURIComponent(q)}`).expect(200)).body.items.map(
    (hit: { title: string }) => hit.title,
  );
const vocabulary = async () =>
  (await t.prisma.searchWord.findMany({ select: { word: true }, orderBy: { word: 'asc' } })).map((w) => w.word);

test('a book created by an admin is found by a typo in its title or author', async () => {
  await t.api()
    .post('/admin/books')
    .set(asAdmin())
    .send({ title: 'Quixotic Lanterns', priceCents: 1500, authorNames: ['Perpetua Whitlock'] })
    .expect(201);
  expect(await searchTitles('quixtoic')).toEqual(['Quixotic Lanterns']);
  expect(await searchTitles('lanterns whitlcok')).toEqual(['Quixotic Lanterns']);
  expect(await vocabulary()).toEqual(expect.arrayContaining(['quixotic', 'lanterns', 'perpetua', 'whitlock']));
});

test('a renamed book is found by a typo of its new title', async () => {
  const book = await createBook(t.prisma, { title: 'Working Title', authors: ['Anon Ymous'] });
  await t.api().patch(`/admin/books/${book.id}`).set(asAdmin()).send({ title: 'Marmalade Skies' }).expect(200);
  expect(await searchTitles('marmlade skies')).toEqual(['Marmalade Skies']);
});

test('a full refresh drops the words no visible book has any more', async () => {
  const book = await createBook(t.prisma, { title: 'Ephemeral Zeppelins' });
  expect(await vocabulary()).toContain('zeppelins');
  await t.api().delete(`/admin/books/${book.id}`).set(asAdmin()).expect(204);
  expect(await searchTitles('zepelins')).toEqual([]);
  await refreshSearchDocuments(t.prisma);
  expect(await vocabulary()).not.toContain('zeppelins');
  expect(await vocabulary()).toContain('marmalade');
});

test('words are letters and digits of three or more, with their one-delete keys', async () => {
  await createBook(t.prisma, { title: 'Catch-22: A Novel', authors: ['Joseph Heller'] });
  const words = await vocabulary();
  expect(words).toEqual(expect.arrayContaining(['catch', 'novel', 'joseph', 'heller']));
  expect(words.filter((word) => !/^[\p{L}\p{N}]{3,}$/u.test(word))).toEqual([]);
  const heller = await t.prisma.searchWord.findUniqueOrThrow({ where: { word: 'heller' } });
  expect([...heller.keys].sort()).toEqual(['eller', 'hller', 'heler', 'heler', 'helle', 'hellr', 'heller'].sort());
});

test('a word is known when the vocabulary has it, the last one when a word starts with it', async () => {
  await createBook(t.prisma, { title: 'Pride and Prejudice', authors: ['Jane Austen'] });
  const spelling = await correctSpelling(t.prisma, ['prej', 'austin', 'prej']);
  expect(spelling.map(({ word, known }) => [word, known])).toEqual([
    ['prej', false],
    ['austin', false],
    ['prej', true],
  ]);
  expect(spelling[1]!.corrections).toEqual(['austen']);
  expect((await correctSpelling(t.prisma, ['zzzzzz']))[0]!.known).toBe(false);
  expect((await correctSpelling(t.prisma, ['jane']))[0]!.known).toBe(true);
});
