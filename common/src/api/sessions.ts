/** What the frontend keeps in a backend-redis session (a JSON object of at most 8 KB). */
export type SessionData = Record<string, unknown>;

/** backend-redis `POST /sessions`, `GET /sessions/:id`, `PUT`, `POST …/rotate`. */
export interface Session {
  /** 43 base64url characters (32 random bytes). */
  sessionId: string;
  data: SessionData;
  createdAt: string;
  expiresInMs: number;
}

/** backend-redis carts: `user/42` or `guest/<sessionId>`. */
export interface CartOwner {
  kind: 'user' | 'guest';
  /** A user id, or a guest's session id. */
  id: number | string;
}

export interface Cart {
  owner: CartOwner;
  /** In book id order. */
  items: { bookId: number; quantity: number }[];
  totalQuantity: number;
}

/** backend-redis `GET /recently-viewed/:userId`: newest first. */
export interface RecentlyViewed {
  userId: number;
  bookIds: number[];
}

/** backend-redis `POST /carts/user/:userId/merge`: `merged: false` when it was merged before. */
export interface CartMerge {
  merged: boolean;
  /** Books that found no free line in the account's cart. */
  droppedBookIds: number[];
  cart: Cart;
}

/** backend-redis `POST /bestsellers/orders`: `recorded: false` for an order counted before. */
export interface BestsellerOrderRecord {
  orderId: number;
  recorded: boolean;
}
