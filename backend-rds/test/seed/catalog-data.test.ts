import { isValidIsbn13 } from '../../prisma/seed/catalog-schema';
import {
  InvalidCatalogError,
  loadCatalog,
  validateCatalog,
  type CatalogSource,
} from '../../prisma/seed/load-catalog';

describe('the real data files (prisma/data)', () => {
  test('validate, with enough books, every ISBN checksummed and unique', async () => {
    const catalog = await loadCatalog();

    expect(catalog.files.length).toBeGreaterThanOrEqual(1);
    expect(catalog.books.length).toBeGreaterThanOrEqual(300);
    const isbns = catalog.books.flatMap((b) => (b.isbn ? [b.isbn] : []));
    expect(isbns.filter((isbn) => !isValidIsbn13(isbn))).toEqual([]);
    expect(new Set(isbns).size).toBe(isbns.length);
    expect(new Set(catalog.books.map((b) => b.slug)).size).toBe(catalog.books.length);
    const authorSlugs = new Set(catalog.authors.map((a) => a.slug));
    const categorySlugs = new Set(catalog.categories.map((c) => c.slug));
    expect(catalog.books.flatMap((b) => b.authors).filter((s) => !authorSlugs.has(s))).toEqual([]);
    expect(catalog.books.flatMap((b) => b.categories).filter((s) => !categorySlugs.has(s))).toEqual([]);
  });
});

describe('isValidIsbn13', () => {
  test.each(['9780141439518', '9780451524935', '9780547928227'])('accepts %s', (isbn) => {
    expect(isValidIsbn13(isbn)).toBe(true);
  });
  test.each(['9780141439519', '978014143951', '97801414395180', '978014143951X'])('rejects %s', (isbn) => {
    expect(isValidIsbn13(isbn)).toBe(false);
  });
});

describe('validateCatalog', () => {
  const categories: CatalogSource = {
    file: 'categories.json',
    content: [{ slug: 'classics', name: 'Classics', description: '' }],
  };
  const austen = { slug: 'jane-austen', name: 'Jane Austen', birthYear: 1775, deathYear: 1817, bio: 'Novelist.' };
  const book = (overrides: Record<string, unknown>) => ({
    isbn: '9780141439518',
    title: 'Pride and Prejudice',
    slug: 'pride-and-prejudice',
    authors: ['jane-austen'],
    categories: ['classics'],
    publicationYear: 1813,
    pageCount: 480,
    language: 'en',
    priceCents: 899,
    stock: 25,
    description: 'A novel.',
    ...overrides,
  });

  function problemsOf(sources: CatalogSource[]): string[] {
    try {
      validateCatalog(categories, sources);
    } catch (err) {
      if (err instanceof InvalidCatalogError) return err.problems;
      throw err;
    }
    return [];
  }

  test('merges an author defined in two files and keeps every book', () => {
    const catalog = validateCatalog(categories, [
      { file: 'books-a.json', content: { authors: [austen], books: [book({})] } },
      {
        file: 'books-b.json',
        content: {
          authors: [{ ...austen, bio: '' }],
          books: [book({ isbn: null, slug: 'emma', title: 'Emma' })],
        },
      },
    ]);
    expect(catalog.authors).toEqual([austen]);
    expect(catalog.books.map((b) => b.slug)).toEqual(['pride-and-prejudice', 'emma']);
  });

  test('reports every problem at once, naming the file and the book', () => {
    const problems = problemsOf([
      {
        file: 'books-a.json',
        content: {
          authors: [austen],
          books: [
            book({ isbn: '9780141439519', categories: ['classics', 'classics'] }),
            book({ slug: 'emma', authors: ['nobody'], categories: ['cookery'] }),
          ],
        },
      },
      {
        file: 'books-b.json',
        content: { authors: [{ ...austen, name: 'J. Austen' }], books: [book({ isbn: null, slug: 'emma' })] },
      },
      { file: 'books-c.json', content: undefined, parseError: 'not valid JSON (Unexpected token)' },
    ]);

    expect(problems).toEqual(
      expect.arrayContaining([
        'books-a.json: books[0] (slug "pride-and-prejudice").isbn: fails the ISBN-13 checksum',
        // References are checked even on a row that is invalid for another reason.
        'books-a.json: book "pride-and-prejudice": a category is listed twice',
        'books-a.json: book "emma": unknown author "nobody"',
        'books-a.json: book "emma": unknown category "cookery"',
        expect.stringMatching(/^books-b\.json: author "jane-austen" has name "J\. Austen"/),
        'books-b.json: book "emma": slug already used in books-a.json',
        'books-c.json: not valid JSON (Unexpected token)',
      ]),
    );
  });

  test('refuses a duplicate ISBN, an unknown key and a bad slug', () => {
    const problems = problemsOf([
      {
        file: 'books-a.json',
        content: {
          authors: [austen],
          books: [book({}), book({ slug: 'Emma!' }), book({ slug: 'emma', subtitle: 'x' }), book({ slug: 'persuasion' })],
        },
      },
    ]);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/books\[1\] \(slug "Emma!"\)\.slug: must be lowercase/),
        expect.stringMatching(/books\[2\] \(slug "emma"\).*subtitle/),
        'books-a.json: book "persuasion": ISBN 9780141439518 already used by "pride-and-prejudice" in books-a.json',
      ]),
    );
  });
});
