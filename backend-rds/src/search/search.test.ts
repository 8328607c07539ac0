import { buildTestApp, type TestApp } from '../../test/app';
import { createBook } from '../catalog/test-fixtures';

let t: TestApp;
const ids: Record<string, number> = {};

beforeAll(async () => {
  t = await buildTestApp();
  const books = {
    pride: {
      title: 'Pride and Prejudice',
      authors: ['Jane Austen'],
      description: 'Elizabeth Bennet <script>alert("x")</script> meets the proud Mr Darcy at a ball.',
    },
    emma: { title: 'Emma', authors: ['Jane Austen'], description: 'A matchmaker in Highbury.' },
    expectations: {
      title: 'Great Expectations',
      authors: ['Charles Dickens'],
      description: 'Pip, an orphan, is raised by his sister and meets a convict on the marshes.',
    },
    pepper: { title: 'Salt & Pepper <Deluxe>', authors: ['Chef Bob'], description: 'Recipes.' },
    withdrawn: { title: 'Pride and Prejudice Withdrawn', authors: ['Jane Austen'], archived: true },
  };
  for (const [key, fixture] of Object.entries(books)) ids[key] = (await createBook(t.prisma, fixture)).id;
  for (const n of [1, 2, 3, 4, 5]) {
    await createBook(t.prisma, { title: `River Song ${n}`, authors: ['Ann Writer'] });
  }
});
afterAll(() => t.close());

const search = (q: string, extra = '') =>
  t.api().get(`/search?q=${encodeURIComponent(q)}${extra}`);
const hitIds = (body: { items: { id: number }[] }) => body.items.map((hit) => hit.id);

describe('GET /search', () => {
  test('finds a title and returns summaries with rank and highlights', async () => {
    const res = await search('pride and prejudice').expect(200);
    expect(hitIds(res.body)).toEqual([ids.pride]);
    expect(res.body).toMatchObject({ page: 1, pageSize: 20, total: 1, totalPages: 1 });
    const [hit] = res.body.items;
    expect(hit).toMatchObject({
      title: 'Pride and Prejudice',
      authors: [{ name: 'Jane Austen', slug: 'jane-austen' }],
      inStock: true,
      categories: [],
    });
    expect(hit.rank).toBeGreaterThan(0);
    expect(hit.highlight.title).toBe('<mark>Pride</mark> and <mark>Prejudice</mark>');
  });

  test('matches the last word as a prefix while typing', async () => {
    const res = await search('pride and prej').expect(200);
    expect(hitIds(res.body)).toEqual([ids.pride]);
    expect(res.body.items[0].highlight.title).toContain('<mark>Prejudice</mark>');
  });

  test('tolerates typos in titles and author names', async () => {
    const title = await search('pride and prejudise').expect(200);
    expect(hitIds(title.body)[0]).toBe(ids.pride);
    const author = await search('jane austin').expect(200);
    expect(hitIds(author.body).sort()).toEqual([ids.pride, ids.emma].sort());
  });

  test('marks the word a typo was corrected to', async () => {
    const res = await search('great expectatoins').expect(200);
    expect(hitIds(res.body)).toEqual([ids.expectations]);
    expect(res.body.items[0].highlight.title).toBe('<mark>Great</mark> <mark>Expectations</mark>');
  });

  test('finds authors by name as typed and words in descriptions', async () => {
    const author = await search('dickens').expect(200);
    expect(hitIds(author.body)).toEqual([ids.expectations]);
    const description = await search('orphans').expect(200);
    expect(hitIds(description.body)).toEqual([ids.expectations]);
    expect(description.body.items[0].highlight.snippet).toContain('<mark>orphan</mark>');
  });

  test('snippets escape HTML from descriptions and mark the match', async () => {
    const res = await search('darcy').expect(200);
    expect(hitIds(res.body)).toEqual([ids.pride]);
    const { snippet } = res.body.items[0].highlight;
    expect(snippet).toContain('<mark>Darcy</mark>');
    expect(snippet).not.toMatch(/<(?!\/?mark>)/);
    // ts_headline drops the tags themselves; the quotes left between them arrive escaped.
    expect(snippet).toContain('alert(&quot;x&quot;)');
  });

  test('titles are HTML-escaped around the marks', async () => {
    const res = await search('pepper').expect(200);
    expect(res.body.items[0].highlight.title).toBe('Salt &amp; <mark>Pepper</mark> &lt;Deluxe&gt;');
  });

  test('archived books are never found', async () => {
    const res = await search('withdrawn').expect(200);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });

  test('paginates with a total and without repeats', async () => {
    const pages = [];
    for (const page of [1, 2, 3]) {
      const res = await search('river song', `&pageSize=2&page=${page}`).expect(200);
      expect(res.body).toMatchObject({ page, pageSize: 2, total: 5, totalPages: 3 });
      pages.push(...hitIds(res.body));
    }
    expect(new Set(pages).size).toBe(5);
    const beyond = await search('river song', '&pageSize=2&page=9').expect(200);
    expect(beyond.body).toMatchObject({ items: [], total: 5 });
  });

  test.each([
    `'; DROP TABLE books;--`,
    'pride%',
    '_emma_',
    'prej:*',
    'pride & !(prejudice) | emma',
    'C:\\books\\ \\\\',
    `emma' OR '1'='1`,
  ])('SQL-looking text %s is only text', async (q) => {
    const res = await search(q).expect(200);
    expect(Array.isArray(res.body.items)).toBe(true);
  });

  test('the catalogue survives the SQL-looking searches', async () => {
    expect(await t.prisma.book.count()).toBe(10);
    const res = await search(`emma' OR '1'='1`).expect(200);
    expect(hitIds(res.body)).not.toContain(ids.withdrawn);
  });

  test.each([
    ['', 'q'],
    ['   ', 'q'],
    ['%', 'q'],
    ['&|!():*', 'q'],
    ['x'.repeat(201), 'q'],
  ])('q=%j is a 400 naming %s', async (q, field) => {
    const res = await search(q).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details[0].field).toBe(field);
  });

  test('q is required and pagination is validated', async () => {
    const missing = await t.api().get('/search').expect(400);
    expect(missing.body.error.details[0].field).toBe('q');
    const big = await search('emma', '&pageSize=500').expect(400);
    expect(big.body.error.details[0].field).toBe('pageSize');
  });
});

describe('GET /search/suggest', () => {
  const suggest = (q: string, extra = '') =>
    t.api().get(`/search/suggest?q=${encodeURIComponent(q)}${extra}`);

  test('suggests titles from a prefix', async () => {
    const res = await suggest('pri').expect(200);
    expect(res.body.items).toEqual([
      { id: ids.pride, slug: expect.any(String), title: 'Pride and Prejudice', authorNames: 'Jane Austen' },
    ]);
    const twoWords = await suggest('great exp').expect(200);
    expect(hitIds(twoWords.body)).toEqual([ids.expectations]);
  });

  test('suggests books from an author name prefix', async () => {
    const res = await suggest('jane aus').expect(200);
    expect(hitIds(res.body).sort()).toEqual([ids.pride, ids.emma].sort());
  });

  test('never suggests from descriptions, nor archived books', async () => {
    expect((await suggest('orph').expect(200)).body.items).toEqual([]);
    expect((await suggest('withdr').expect(200)).body.items).toEqual([]);
  });

  test('honours the limit, titles starting with the text first', async () => {
    const res = await suggest('river', '&limit=2').expect(200);
    expect(res.body.items).toHaveLength(2);
    expect(res.body.items[0].title).toMatch(/^River Song/);
  });

  test.each([
    ['q=', 'q'],
    ['q=%25', 'q'],
    ['q=emma&limit=21', 'limit'],
    ['q=emma&limit=0', 'limit'],
  ])('?%s is a 400 naming %s', async (query, field) => {
    const res = await t.api().get(`/search/suggest?${query}`).expect(400);
    expect(res.body.error.details[0].field).toBe(field);
  });
});
