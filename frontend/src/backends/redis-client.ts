import type {
  BackendDiagnostics,
  BestsellerRanking,
  BestsellerRebuild,
  BestsellerWindow,
  BestsellerOrderRecord,
  Cart,
  CartMerge,
  RateLimitBucket,
  RateLimitDecision,
  RecentlyViewed,
  Session,
  SessionData,
} from '@bookstore/common';
import type { CallBackend } from './request';

const segment = encodeURIComponent;

/** Whose cart: a signed-in user's, or a guest session's. */
export type CartOwnerRef = { kind: 'user'; id: number } | { kind: 'guest'; id: string };

const cartPath = (owner: CartOwnerRef) => `/carts/${owner.kind}/${segment(String(owner.id))}`;

/** The JSON cache's own answers. */
export interface CacheEntry<T> {
  namespace: string;
  key: string;
  value: T;
}

/** backend-redis, typed: sessions, carts, the JSON cache, bestsellers' copy, recently viewed. */
export function redisClient(call: CallBackend) {
  return {
    createSession: (data: SessionData) => call<Session>({ method: 'POST', path: '/sessions', body: { data } }),
    readSession: (sessionId: string) => call<Session>({ method: 'GET', path: `/sessions/${segment(sessionId)}` }),
    updateSession: (sessionId: string, data: SessionData) =>
      call<Session>({ method: 'PUT', path: `/sessions/${segment(sessionId)}`, body: { data } }),
    rotateSession: (sessionId: string, data: SessionData) =>
      call<Session>({ method: 'POST', path: `/sessions/${segment(sessionId)}/rotate`, body: { data } }),
    deleteSession: (sessionId: string) => call<void>({ method: 'DELETE', path: `/sessions/${segment(sessionId)}` }),

    getCart: (kind: 'user' | 'guest', ownerId: string | number) =>
      call<Cart>({ method: 'GET', path: `/carts/${kind}/${segment(String(ownerId))}` }),
    /** Quantities add up; 422 `quantity_limit` / `cart_full` leave the cart unchanged. */
    addCartItem: (owner: CartOwnerRef, bookId: number, quantity: number) =>
      call<Cart>({ method: 'POST', path: `${cartPath(owner)}/items`, body: { bookId, quantity } }),
    setCartQuantity: (owner: CartOwnerRef, bookId: number, quantity: number) =>
      call<Cart>({ method: 'PUT', path: `${cartPath(owner)}/items/${bookId}`, body: { quantity } }),
    removeCartItem: (owner: CartOwnerRef, bookId: number) =>
      call<Cart>({ method: 'DELETE', path: `${cartPath(owner)}/items/${bookId}` }),
    clearCart: (owner: CartOwnerRef) => call<void>({ method: 'DELETE', path: cartPath(owner) }),
    /** Runs exactly once per guest cart and account, however often it is called. */
    mergeGuestCart: (userId: number, guestSessionId: string) =>
      call<CartMerge>({ method: 'POST', path: `/carts/user/${userId}/merge`, body: { guestSessionId } }),

    hitRateLimit: (bucket: RateLimitBucket, key: string) =>
      call<RateLimitDecision>({ method: 'POST', path: `/rate-limits/${bucket}/${segment(key)}/hit` }),
    resetRateLimit: (bucket: RateLimitBucket, key: string) =>
      call<void>({ method: 'DELETE', path: `/rate-limits/${bucket}/${segment(key)}` }),

    /** Resolves when backend-redis and its Redis answer. */
    checkReady: (timeoutMs: number) => call<unknown>({ method: 'GET', path: '/readyz', timeoutMs }),

    cacheGet: <T>(namespace: string, key: string, timeoutMs: number) =>
      call<CacheEntry<T>>({ method: 'GET', path: `/cache/${namespace}/entries/${segment(key)}`, timeoutMs }),
    cachePut: (namespace: string, key: string, value: unknown, ttlMs: number, timeoutMs: number) =>
      call<unknown>({ method: 'PUT', path: `/cache/${namespace}/entries/${segment(key)}`, body: { value, ttlMs }, timeoutMs }),
    cacheDelete: (namespace: string, key: string, timeoutMs: number) =>
      call<void>({ method: 'DELETE', path: `/cache/${namespace}/entries/${segment(key)}`, timeoutMs }),
    cacheInvalidate: (namespace: string) =>
      call<{ namespace: string; version: number }>({ method: 'POST', path: `/cache/${namespace}/invalidate` }),

    topBestsellers: (window: BestsellerWindow, limit: number) =>
      call<BestsellerRanking>({ method: 'GET', path: '/bestsellers', query: { window, limit } }),
    rebuildBestsellers: (rebuild: BestsellerRebuild) => call<unknown>({ method: 'PUT', path: '/bestsellers', body: rebuild }),
    /** Counts a paid order once (a repeat answers `recorded: false`). */
    recordBestsellerOrder: (orderId: number, items: { bookId: number; quantity: number }[]) =>
      call<BestsellerOrderRecord>({ method: 'POST', path: '/bestsellers/orders', body: { orderId, items } }),

    recentlyViewed: (userId: number, limit: number) =>
      call<RecentlyViewed>({ method: 'GET', path: `/recently-viewed/${userId}`, query: { limit } }),
    recordView: (userId: number, bookId: number) =>
      call<RecentlyViewed>({ method: 'POST', path: `/recently-viewed/${userId}`, body: { bookId } }),

    /** Behind the service token: this backend, its store, a timed round trip (never fails for the store's sake). */
    diagnostics: (timeoutMs: number) => call<BackendDiagnostics>({ method: 'GET', path: '/diagnostics', timeoutMs }),
    /** The course's public check (no token needed): 200 { message, latencyMs } or 500 { error, details }. */
    testConnection: (timeoutMs: number) =>
      call<{ message: string; latencyMs: number }>({ method: 'GET', path: '/test_connection', timeoutMs }),
  };
}

export type RedisClient = ReturnType<typeof redisClient>;
