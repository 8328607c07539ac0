import type { BookSummary } from '@bookstore/common';
import { coverVersion } from './cover';

/** At most this many left, and the page says "Only N left". */
export const LOW_STOCK_THRESHOLD = 5;

const priceFormats = new Map<string, Intl.NumberFormat>();

/** 899, USD → `$8.99`. */
export function formatPrice(cents: number, currency: string): string {
  let format = priceFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat('en-US', { style: 'currency', currency });
    priceFormats.set(currency, format);
  }
  return format.format(cents / 100);
}

export type StockLevel = 'in' | 'low' | 'out';

export function stockWording(stock: number): { level: StockLevel; text: string } {
  if (stock <= 0) return { level: 'out', text: 'Out of stock' };
  if (stock <= LOW_STOCK_THRESHOLD) return { level: 'low', text: `Only ${stock} left` };
  return { level: 'in', text: 'In stock' };
}

export const bookUrl = (book: { slug: string }) => `/books/${encodeURIComponent(book.slug)}`;
export const authorUrl = (author: { slug: string }) => `/authors/${encodeURIComponent(author.slug)}`;
export const genreUrl = (genre: { slug: string }) => `/genres/${encodeURIComponent(genre.slug)}`;

export function coverUrl(book: Pick<BookSummary, 'id' | 'title' | 'authors'>): string {
  const version = coverVersion({ title: book.title, authors: book.authors.map((a) => a.name) });
  return `/covers/${book.id}.svg?v=${version}`;
}

/** Names joined for reading: `A`, `A and B`, `A, B and C`. */
export function joinNames(names: string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export interface BookCard {
  id: number;
  url: string;
  title: string;
  authorsText: string;
  priceText: string;
  stock: { level: StockLevel; text: string };
  coverUrl: string;
  year: number | null;
}

export function toBookCard(book: BookSummary): BookCard {
  return {
    id: book.id,
    url: bookUrl(book),
    title: book.title,
    authorsText: joinNames(book.authors.map((a) => a.name)),
    priceText: formatPrice(book.priceCents, book.currency),
    stock: stockWording(book.stock),
    coverUrl: coverUrl(book),
    year: book.publicationYear,
  };
}

export type PageLink = { kind: 'page'; number: number; url: string; current: boolean } | { kind: 'gap' };

export interface Pagination {
  page: number;
  totalPages: number;
  previousUrl: string | null;
  nextUrl: string | null;
  links: PageLink[];
}

/** Links to the first, last and nearby pages, with gaps between: stable, shareable URLs. */
export function paginate(page: number, totalPages: number, urlFor: (page: number) => string): Pagination | null {
  if (totalPages <= 1) return null;
  const shown = new Set([1, totalPages, page - 1, page, page + 1].filter((n) => n >= 1 && n <= totalPages));
  const numbers = [...shown].sort((a, b) => a - b);
  const links: PageLink[] = [];
  numbers.forEach((number, i) => {
    if (i > 0 && number - numbers[i - 1]! > 1) links.push({ kind: 'gap' });
    links.push({ kind: 'page', number, url: urlFor(number), current: number === page });
  });
  return {
    page,
    totalPages,
    previousUrl: page > 1 ? urlFor(page - 1) : null,
    nextUrl: page < totalPages ? urlFor(page + 1) : null,
    links,
  };
}

/** `/books?genre=x&page=2` from the values that are set, in a fixed order. */
export function urlWithQuery(path: string, query: Record<string, string | number | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined && value !== '') params.set(name, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}
