import { Router, type Request, type Response } from 'express';
import { HttpError, type BookDetail } from '@bookstore/common';
import type { AppDeps } from '../deps';
import { isBackendError } from '../backends/backend-error';
import { getBook } from '../catalog/service';
import { bookUrl, formatPrice, stockWording } from '../catalog/view-models';
import { MAX_QUANTITY_PER_ADD } from '../catalog/book-page';
import { assertBasketAvailable, basketFailures } from '../web/basket-availability';
import { errorSummaryItems, parseForm, type FieldProblems } from '../web/forms';
import { cartOwnerOf, ensureCartOwner } from './owner';
import { priceCart } from './priced-cart';
import { addToCartForm, bookIdFrom, changeQuantityForm } from './schema';

const EMPTY_CART = { items: [], totalQuantity: 0 };

/** The cart page: every line with its price and stock now, the subtotal, what stops a checkout. */
async function renderCart(
  req: Request,
  res: Response,
  form: { status: number; problems: FieldProblems; raw: Record<string, string> } = { status: 200, problems: {}, raw: {} },
): Promise<void> {
  const owner = cartOwnerOf(req.shopSession);
  const cart = owner ? await req.backends.redis.getCart(owner.kind, owner.id) : EMPTY_CART;
  const priced = await priceCart(req.backends, { owner: owner ?? { kind: 'guest', id: '' }, ...cart });
  const added = bookIdFrom(req.query.added);
  const failed = form.status !== 200;
  res.locals.cartCount = owner ? cart.totalQuantity : null;
  res.status(form.status).render('cart/cart', {
    pageTitle: `${failed ? 'Error: ' : ''}Your cart`,
    noIndex: true,
    cart: priced,
    added: added !== undefined ? priced.lines.find((line) => line.bookId === added && line.available) : undefined,
    signedIn: req.shopSession.userId !== undefined,
    problems: form.problems,
    raw: form.raw,
    errorSummary: errorSummaryItems(form.problems),
    maxQuantity: MAX_QUANTITY_PER_ADD,
  });
}

/** The book page's form, on a page of its own, when what was sent cannot go in the cart. */
function renderAddForm(res: Response, book: BookDetail, problems: FieldProblems, raw: Record<string, string>): void {
  res.status(422).render('cart/add', {
    pageTitle: `Error: Add ${book.title} to your cart`,
    noIndex: true,
    book: { id: book.id, title: book.title, url: bookUrl(book), priceText: formatPrice(book.priceCents, book.currency), stock: stockWording(book.stock) },
    maxQuantity: Math.max(1, Math.min(book.stock, MAX_QUANTITY_PER_ADD)),
    problems,
    raw,
    errorSummary: errorSummaryItems(problems),
  });
}

/** backend-redis refused the change (cart limits): the message for the quantity field. */
function cartLimitMessage(err: unknown): string | undefined {
  if (isBackendError(err, 422, 'quantity_limit')) {
    const details = (err.details ?? {}) as { maxQuantity?: number; quantityInCart?: number };
    const max = details.maxQuantity ?? MAX_QUANTITY_PER_ADD;
    const inCart = details.quantityInCart ?? 0;
    return inCart > 0
      ? `You already have ${inCart} in your cart and can buy at most ${max}: add ${Math.max(0, max - inCart)} or fewer`
      : `You can buy at most ${max} copies of one book`;
  }
  if (isBackendError(err, 422, 'cart_full')) {
    const max = (err.details as { maxLines?: number } | undefined)?.maxLines;
    return `Your cart is full${max ? ` (${max} different books)` : ''}: remove a book before adding another`;
  }
  return undefined;
}

function lineBookId(req: Request): number {
  const bookId = bookIdFrom(req.params.bookId);
  if (bookId === undefined) throw new HttpError(404, 'cart_line_not_found', 'There is no such book in your cart');
  return bookId;
}

/**
 * The cart, for guests too: a guest's session is made by the first add, never by a page
 * view. Prices and stock come from backend-rds; the browser only says which book and how many.
 */
export function cartRoutes(_deps: AppDeps): Router {
  const router = Router();

  router.get('/cart', async (req, res) => {
    await assertBasketAvailable(req);
    await renderCart(req, res);
  });

  router.post('/cart/items', async (req, res) => {
    const bookId = bookIdFrom(req.body?.bookId);
    if (bookId === undefined) throw new HttpError(404, 'book_not_found', 'We could not find that book');
    const book = await getBook(req.backends, bookId);
    const form = parseForm(addToCartForm, req.body);
    if (!form.ok) return renderAddForm(res, book, form.problems, form.raw);
    const { quantity } = form.values;
    if (book.stock <= 0) return renderAddForm(res, book, { stock: 'This book is out of stock' }, form.raw);
    if (quantity > book.stock) {
      return renderAddForm(res, book, { quantity: `Only ${book.stock} left: choose ${book.stock} or fewer` }, form.raw);
    }
    const owner = await ensureCartOwner(req.shopSession);
    try {
      await req.backends.redis.addCartItem(owner, bookId, quantity);
    } catch (err) {
      const message = cartLimitMessage(err);
      if (!message) throw err;
      return renderAddForm(res, book, { quantity: message }, form.raw);
    }
    res.redirect(303, `/cart?added=${bookId}`);
  });

  router.post('/cart/items/:bookId', async (req, res) => {
    const bookId = lineBookId(req);
    const owner = cartOwnerOf(req.shopSession);
    if (!owner) return res.redirect(303, '/cart');
    const field = `quantity-${bookId}`;
    const form = parseForm(changeQuantityForm, req.body);
    const raw = { [field]: form.raw.quantity ?? '' };
    if (!form.ok) return renderCart(req, res, { status: 422, problems: { [field]: form.problems.quantity ?? 'Enter a quantity' }, raw });
    const { quantity } = form.values;
    try {
      if (quantity === 0) await req.backends.redis.removeCartItem(owner, bookId);
      else await req.backends.redis.setCartQuantity(owner, bookId, quantity);
    } catch (err) {
      const message = cartLimitMessage(err);
      if (!message) throw err;
      return renderCart(req, res, { status: 422, problems: { [field]: message }, raw });
    }
    res.redirect(303, '/cart');
  });

  router.post('/cart/items/:bookId/remove', async (req, res) => {
    const bookId = lineBookId(req);
    const owner = cartOwnerOf(req.shopSession);
    if (owner) await req.backends.redis.removeCartItem(owner, bookId);
    res.redirect(303, '/cart');
  });

  router.use(basketFailures);
  return router;
}
