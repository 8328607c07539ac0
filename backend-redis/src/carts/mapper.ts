import type { CartOwner } from './schema';

export interface CartView {
  owner: { kind: CartOwner['kind']; id: number | string };
  items: Array<{ bookId: number; quantity: number }>;
  totalQuantity: number;
}

/** Redis hash `bookId → quantity` → the API's cart, lines in book id order. */
export function toCartView(owner: CartOwner, lines: Record<string, string>): CartView {
  const items = Object.entries(lines)
    .map(([bookId, quantity]) => ({ bookId: Number(bookId), quantity: Number(quantity) }))
    .sort((a, b) => a.bookId - b.bookId);
  return {
    owner: { kind: owner.kind, id: owner.ownerId },
    items,
    totalQuantity: items.reduce((sum, line) => sum + line.quantity, 0),
  };
}
