import type { BookDetail, Page, Review } from '@bookstore/common';
import { hyphenateIsbn13 } from './isbn';
import { authorUrl, bookUrl, coverUrl, formatPrice, genreUrl, joinNames, stockWording, type BookCard, type Pagination } from './view-models';

/** Most copies one add-to-cart form offers; the cart enforces its own limit as well. */
export const MAX_QUANTITY_PER_ADD = 20;

const languageNames = new Intl.DisplayNames(['en'], { type: 'language' });

export function languageName(tag: string): string {
  try {
    return languageNames.of(tag) ?? tag;
  } catch {
    return tag;
  }
}

const SCHEMA_AVAILABILITY = {
  in: 'https://schema.org/InStock',
  low: 'https://schema.org/LimitedAvailability',
  out: 'https://schema.org/OutOfStock',
} as const;

/** schema.org Book with its Offer, as JSON safe inside a <script> element. */
export function bookJsonLd(book: BookDetail, absolute: (path: string) => string): string {
  const stock = stockWording(book.stock);
  const data = {
    '@context': 'https://schema.org',
    '@type': 'Book',
    name: book.title,
    url: absolute(bookUrl(book)),
    image: absolute(coverUrl(book)),
    description: book.description,
    author: book.authors.map((a) => ({ '@type': 'Person', name: a.name, url: absolute(authorUrl(a)) })),
    ...(book.isbn && { isbn: book.isbn }),
    ...(book.pageCount && { numberOfPages: book.pageCount }),
    ...(book.publicationYear && { datePublished: String(book.publicationYear) }),
    inLanguage: book.language,
    genre: book.categories.map((c) => c.name),
    ...(book.rating.count > 0 && {
      aggregateRating: { '@type': 'AggregateRating', ratingValue: book.rating.average, reviewCount: book.rating.count, bestRating: 5, worstRating: 1 },
    }),
    offers: {
      '@type': 'Offer',
      url: absolute(bookUrl(book)),
      price: (book.priceCents / 100).toFixed(2),
      priceCurrency: book.currency,
      availability: SCHEMA_AVAILABILITY[stock.level],
      itemCondition: 'https://schema.org/NewCondition',
    },
  };
  // `<` never appears raw, so no text in the data can close the script element.
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

export interface ReviewView {
  id: number;
  rating: number;
  title: string;
  body: string;
  author: string;
  verifiedPurchase: boolean;
  date: string;
  isoDate: string;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

export function toReviewView(review: Review): ReviewView {
  return {
    id: review.id,
    rating: review.rating,
    title: review.title,
    body: review.body,
    author: review.user.name,
    verifiedPurchase: review.verifiedPurchase,
    date: dateFormat.format(new Date(review.createdAt)),
    isoDate: review.createdAt,
  };
}

export interface BookPageModel {
  book: BookDetail;
  authorsText: string;
  authors: { name: string; url: string }[];
  genres: { name: string; url: string }[];
  priceText: string;
  stock: ReturnType<typeof stockWording>;
  maxQuantity: number;
  isbn: string | null;
  languageName: string;
  coverUrl: string;
  rating: { average: string | null; count: number; stars: number };
  reviews: ReviewView[];
  reviewsTotal: number;
  reviewsPagination: Pagination | null;
  alsoBought: BookCard[];
  moreByAuthor: { name: string; url: string; books: BookCard[] } | null;
  recentlyViewed: BookCard[];
  jsonLd: string;
}

export function toBookPageModel(
  book: BookDetail,
  parts: {
    reviews: Page<Review> | null;
    reviewsPagination: Pagination | null;
    alsoBought: BookCard[];
    moreByAuthor: BookPageModel['moreByAuthor'];
    recentlyViewed: BookCard[];
  },
  absolute: (path: string) => string,
): BookPageModel {
  return {
    book,
    authorsText: joinNames(book.authors.map((a) => a.name)),
    authors: book.authors.map((a) => ({ name: a.name, url: authorUrl(a) })),
    genres: book.categories.map((c) => ({ name: c.name, url: genreUrl(c) })),
    priceText: formatPrice(book.priceCents, book.currency),
    stock: stockWording(book.stock),
    maxQuantity: Math.min(book.stock, MAX_QUANTITY_PER_ADD),
    isbn: book.isbn ? hyphenateIsbn13(book.isbn) : null,
    languageName: languageName(book.language),
    coverUrl: coverUrl(book),
    rating: {
      average: book.rating.average === null ? null : book.rating.average.toFixed(1),
      count: book.rating.count,
      stars: Math.round(book.rating.average ?? 0),
    },
    reviews: parts.reviews?.items.map(toReviewView) ?? [],
    reviewsTotal: parts.reviews?.total ?? 0,
    reviewsPagination: parts.reviewsPagination,
    alsoBought: parts.alsoBought,
    moreByAuthor: parts.moreByAuthor,
    recentlyViewed: parts.recentlyViewed,
    jsonLd: bookJsonLd(book, absolute),
  };
}
