import { z } from 'zod';
import type { AdminBook, AdminBookInput, Category } from '@bookstore/common';
import { optionalLine, optionalText, requiredLine } from '../web/form-fields';
import type { FieldProblems } from '../web/forms';

export const CURRENCIES = ['USD', 'EUR', 'GBP'] as const;
const MAX_AUTHORS = 20;

/** Digits with an optional minus (years before the common era), within bounds; empty: none. */
const optionalInteger = (message: string, min: number, max: number) =>
  optionalLine(12, message).pipe(
    z
      .string()
      .regex(/^-?\d{1,9}$/, message)
      .transform(Number)
      .refine((n) => n >= min && n <= max, message)
      .optional(),
  );

/** `12.99` (or `12`) in the shop's currency → 1299 cents. */
const price = requiredLine('Enter a price, like 12.99', 20, 'Enter a price, like 12.99').pipe(
  z
    .string()
    .regex(/^\d{1,6}(\.\d{1,2})?$/, 'Enter a price, like 12.99')
    .transform((text) => Math.round(Number(text) * 100)),
);

/** "Jane Austen, Seth Grahame-Smith" → the names, in cover order. */
const authors = requiredLine('Enter at least one author', 2000, 'Enter fewer authors').transform((text, ctx) => {
  const names = text.split(',').map((name) => name.trim()).filter(Boolean);
  if (names.length === 0) ctx.addIssue({ code: 'custom', message: 'Enter at least one author' });
  if (names.length > MAX_AUTHORS) ctx.addIssue({ code: 'custom', message: `Enter at most ${MAX_AUTHORS} authors` });
  if (names.some((name) => name.length > 200)) ctx.addIssue({ code: 'custom', message: 'Each name must be at most 200 characters' });
  // backend-rds makes each author's web address (slug) from Latin letters and digits.
  if (names.some((name) => !/[A-Za-z0-9]/.test(name))) ctx.addIssue({ code: 'custom', message: 'Each name needs Latin letters or digits' });
  return names;
});

const bookFields = {
  title: requiredLine('Enter the title', 300, 'Enter a title of at most 300 characters'),
  authors,
  isbn: optionalLine(20, 'Enter an ISBN of 10 or 13 digits').refine(
    (text) => text === undefined || /^[\dXx\s-]{10,20}$/.test(text),
    'Enter an ISBN of 10 or 13 digits (hyphens are fine)',
  ),
  price,
  currency: z.enum(CURRENCIES, { error: 'Choose a currency' }),
  publicationYear: optionalInteger('Enter a year, like 1813', -3000, 2100),
  pageCount: optionalInteger('Enter the number of pages, like 320', 1, 100_000),
  language: requiredLine('Enter a language code, like en', 12, 'Enter a language code, like en').pipe(
    z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,4})?$/, 'Enter a language code, like en or pt-BR'),
  ),
  description: optionalText(20_000, 'Enter a description of at most 20,000 characters'),
  slug: optionalLine(320, 'Enter a web address of at most 320 characters').refine(
    (text) => text === undefined || (/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(text) && /[a-z]/.test(text)),
    'Use lowercase letters, digits and single hyphens, with at least one letter',
  ),
};

// Not strict: the form also carries _csrf and the category checkboxes, read on their own.
export const editBookForm = z.object(bookFields);
export const newBookForm = z.object({
  ...bookFields,
  stock: optionalInteger('Enter the opening stock, like 10', 0, 1_000_000),
});

type EditValues = z.output<typeof editBookForm>;

/** The ticked category checkboxes (one value, several, or none), as ids. */
export function categoryIdsFrom(body: unknown): number[] {
  const value = (body as { categoryIds?: unknown } | undefined)?.categoryIds;
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return [...new Set(values.filter((v): v is string => typeof v === 'string' && /^[1-9]\d{0,9}$/.test(v)).map(Number))];
}

export function toBookInput(values: EditValues, categoryIds: number[]): Omit<AdminBookInput, 'stock'> {
  return {
    title: values.title,
    authorNames: values.authors,
    categoryIds,
    isbn: values.isbn ?? null,
    priceCents: values.price,
    currency: values.currency,
    publicationYear: values.publicationYear ?? null,
    pageCount: values.pageCount ?? null,
    language: values.language,
    description: values.description ?? '',
    ...(values.slug !== undefined && { slug: values.slug }),
  };
}

/** How backend-rds names the body's fields, onto the form's. */
export const BOOK_FIELDS: Record<string, string> = {
  title: 'title',
  isbn: 'isbn',
  slug: 'slug',
  description: 'description',
  priceCents: 'price',
  currency: 'currency',
  publicationYear: 'publicationYear',
  pageCount: 'pageCount',
  language: 'language',
  stock: 'stock',
  authorNames: 'authors',
  categoryIds: 'categories',
  ...Object.fromEntries(Array.from({ length: MAX_AUTHORS }, (_v, i) => [`authorNames.${i}`, 'authors'])),
};

/** A book as the form's text fields show it. */
export function bookFormValues(book: AdminBook): Record<string, string> {
  return {
    title: book.title,
    authors: book.authors.map((a) => a.name).join(', '),
    isbn: book.isbn ?? '',
    price: (book.priceCents / 100).toFixed(2),
    currency: book.currency,
    publicationYear: book.publicationYear === null ? '' : String(book.publicationYear),
    pageCount: book.pageCount === null ? '' : String(book.pageCount),
    language: book.language,
    description: book.description,
    slug: book.slug,
  };
}

export const NEW_BOOK_VALUES: Record<string, string> = { currency: 'USD', language: 'en', stock: '0' };

export interface BookFormView {
  action: string;
  fields: Record<string, { id: string; name: string; label: string; value: string; error?: string; hint?: string }>;
  currencies: { value: string; text: string }[];
  categories: { id: number; name: string; checked: boolean }[];
  categoriesError?: string;
  formError?: string;
}

const LABELS: Record<string, { label: string; hint?: string }> = {
  title: { label: 'Title' },
  authors: { label: 'Authors', hint: 'In cover order, separated by commas. New names become new authors.' },
  isbn: { label: 'ISBN (optional)', hint: '10 or 13 digits, with or without hyphens.' },
  price: { label: 'Price', hint: 'Like 12.99, tax included.' },
  currency: { label: 'Currency' },
  publicationYear: { label: 'Year of publication (optional)' },
  pageCount: { label: 'Pages (optional)' },
  language: { label: 'Language', hint: 'A code such as en, fr or pt-BR.' },
  description: { label: 'Description (optional)' },
  slug: { label: 'Web address (optional)', hint: 'The end of the book\'s address, /books/…. Empty: made from the title.' },
  stock: { label: 'Opening stock', hint: 'Later changes go through Stock, which keeps their history.' },
};

/** The form's fields with their labels, kept values and inline errors. */
export function bookFormView(
  action: string,
  values: Record<string, string>,
  problems: FieldProblems,
  allCategories: Category[],
  checkedIds: number[],
  withStock: boolean,
): BookFormView {
  const names = Object.keys(LABELS).filter((name) => withStock || name !== 'stock');
  const fields = Object.fromEntries(
    names.map((name) => [name, { id: name, name, ...LABELS[name]!, value: values[name] ?? '', error: problems[name] }]),
  );
  return {
    action,
    fields,
    currencies: CURRENCIES.map((code) => ({ value: code, text: code })),
    categories: allCategories.map((c) => ({ id: c.id, name: c.name, checked: checkedIds.includes(c.id) })),
    categoriesError: problems.categories,
    formError: problems['book-form'],
  };
}
