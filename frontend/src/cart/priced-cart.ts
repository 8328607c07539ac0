import type { BookDetail, Cart } from '@bookstore/common';
import type { BoundBackends } from '../backends';
import { isBackendError } from '../backends/backend-error';
import { bookUrl, coverUrl, formatPrice, joinNames, stockWording, type StockLevel } from '../catalog/view-models';

/** One cart line as the cart page and the checkout summary show it. */
export interface CartLine {
  bookId: number;
  quantity: number;
  /** False when the book is no longer sold (archived since it was added). */
  available: boolean;
  title: string;
  url: string | null;
  coverUrl: string | null;
  authorsText: string;
  unitPriceText: string;
  lineTotalText: string;
  stock: { level: StockLevel; text: string } | null;
  /** Why this line stops a checkout, or a note worth showing; null when all is well. */
  warning: { text: string; blocksCheckout: boolean } | null;
}

export interface PricedCart {
  lines: CartLine[];
  totalQuantity: number;
  /** `$24.97` (one amount per currency, should books ever be priced in several); empty for no books. */
  subtotalText: string;
  canCheckOut: boolean;
  /** What the checkout sends: the lines, as the cart holds them. */
  items: { bookId: number; quantity: number }[];
}

function warningFor(book: BookDetail, quantity: number): CartLine['warning'] {
  if (book.stock <= 0) return { text: 'Out of stock: remove it to check out', blocksCheckout: true };
  if (book.stock < quantity) {
    return { text: `Only ${book.stock} left: lower the quantity to ${book.stock} to check out`, blocksCheckout: true };
  }
  const stock = stockWording(book.stock);
  return stock.level === 'low' ? { text: stock.text, blocksCheckout: false } : null;
}

function lineOf(line: Cart['items'][number], book: BookDetail | null): CartLine {
  if (!book) {
    return {
      bookId: line.bookId,
      quantity: line.quantity,
      available: false,
      title: 'A book we no longer sell',
      url: null,
      coverUrl: null,
      authorsText: '',
      unitPriceText: '',
      lineTotalText: '',
      stock: null,
      warning: { text: 'No longer available: remove it to check out', blocksCheckout: true },
    };
  }
  return {
    bookId: line.bookId,
    quantity: line.quantity,
    available: true,
    title: book.title,
    url: bookUrl(book),
    coverUrl: coverUrl(book),
    authorsText: joinNames(book.authors.map((a) => a.name)),
    unitPriceText: formatPrice(book.priceCents, book.currency),
    lineTotalText: formatPrice(book.priceCents * line.quantity, book.currency),
    stock: stockWording(book.stock),
    warning: warningFor(book, line.quantity),
  };
}

/**
 * The cart with prices and stock read from backend-rds now: never from the browser, never
 * from a cache (stock changes with every order), so the subtotal and the warnings are what
 * the checkout will find.
 */
export async function priceCart(b: BoundBackends, cart: Cart): Promise<PricedCart> {
  const books = await Promise.all(
    cart.items.map((line) =>
      b.rds.getBook(line.bookId).catch((err: unknown) => {
        if (isBackendError(err, 404)) return null;
        throw err;
      }),
    ),
  );
  const subtotals = new Map<string, number>();
  cart.items.forEach((line, i) => {
    const book = books[i];
    if (book) subtotals.set(book.currency, (subtotals.get(book.currency) ?? 0) + book.priceCents * line.quantity);
  });
  const lines = cart.items.map((line, i) => lineOf(line, books[i] ?? null));
  return {
    lines,
    totalQuantity: cart.totalQuantity,
    subtotalText: [...subtotals].map(([currency, cents]) => formatPrice(cents, currency)).join(' + '),
    canCheckOut: lines.length > 0 && lines.every((line) => !line.warning?.blocksCheckout),
    items: cart.items.map(({ bookId, quantity }) => ({ bookId, quantity })),
  };
}
