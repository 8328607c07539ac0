import { buildTestApp, type TestApp } from '../../test/app';
import { DEFAULT_DATA_DIR, loadCatalog } from '../../prisma/seed/load-catalog';
import { upsertCatalog } from '../../prisma/seed/upsert-catalog';
import {
  formatHitRate,
  hitRate,
  titleAuthorTypoProbes,
  titleTypoProbes,
  type HitRate,
  type ProbeBook,
  type TypoProbe,
} from './test-fixtures';

// Typo tolerance measured on the real seed catalogue (443 books): every title with a word of
// five letters or more, misspelt by one slip, must find its book.
let t: TestApp;
let books: ProbeBook[];

beforeAll(async () => {
  t = await buildTestApp();
  const catalog = await loadCatalog(DEFAULT_DATA_DIR);
  await upsertCatalog(t.prisma, catalog);
  const authorNames = new Map(catalog.authors.map((author) => [author.slug, author.name]));
  books = catalog.books.map((book) => ({
    slug: book.slug,
    title: book.title,
    authors: book.authors.map((slug) => authorNames.get(slug) ?? slug),
  }));
}, 60_000);
afterAll(() => t.close());

async function topTitles(q: string): Promise<string[]> {
  const res = await t.api().get(`/search?q=${encodeURIComponent(q)}&pageSize=3`).expect(200);
  return res.body.items.map((hit: { title: string }) => hit.title);
}

/** A few searches at a time: two thousand one after another take most of a minute. */
async function hitRateOf(probes: TypoProbe[]): Promise<HitRate> {
  const results: string[][] = [];
  for (let i = 0; i < probes.length; i += 4) {
    const batch = probes.slice(i, i + 4);
    results.push(...(await Promise.all(batch.map((probe) => topTitles(probe.query)))));
  }
  return hitRate(probes, results);
}

/** Fails with the rates and the first misses, which say what went wrong. */
function expectAtLeast(name: string, rate: HitRate, bar: { first: number; top3: number }) {
  const meets = rate.first / rate.probes >= bar.first && rate.top3 / rate.probes >= bar.top3;
  const misses = rate.misses.slice(0, 20).map((m) => `${m.query} (${m.title})`).join('; ');
  expect(meets ? 'meets the bar' : `${formatHitRate(name, rate)}; misses: ${misses}`).toBe('meets the bar');
}

test.each([
  ['dracla', 'Dracula'],
  ['drcaula', 'Dracula'],
  ['frankenstien', 'Frankenstein'],
  ['rebcca', 'Rebecca'],
  ['emma austin', 'Emma'],
  ['dracla stoker', 'Dracula'],
  ['dracula stokr', 'Dracula'],
  ['hobbit tolkein', 'The Hobbit'],
])('%s finds %s first', async (q, title) => {
  expect((await topTitles(q))[0]).toBe(title);
});

test('a word that matches nothing does not hide the books the other words find', async () => {
  expect(await topTitles('dracula zqxwv')).toContain('Dracula');
  expect(await topTitles('hobbit tolkein paperback')).toContain('The Hobbit');
  // Every word matches some book, but no book has them all: the rare word's book still comes.
  expect(await topTitles('dracula history')).toContain('Dracula');
});

test('one-slip misspellings of whole titles find the book', async () => {
  const probes = titleTypoProbes(books);
  expect(probes.length).toBeGreaterThan(900);
  expectAtLeast('whole title, one word misspelt', await hitRateOf(probes), { first: 0.9, top3: 0.95 });
}, 120_000);

test('a title word with the author, either misspelt, finds the book', async () => {
  const probes = titleAuthorTypoProbes(books);
  expect(probes.length).toBeGreaterThan(600);
  expectAtLeast('title word + surname, one misspelt', await hitRateOf(probes), { first: 0.9, top3: 0.95 });
}, 120_000);
