import type {
  BestsellerRanking,
  BestsellerRebuild,
  BestsellerWindow,
  Cart,
  RecentlyViewed,
  Session,
  SessionData,
} from '@bookstore/common';
import type { CallBackend } from './request';

const segment = encodeURIComponent;

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

    cacheGet: <T>(namespace: string, key: string, timeoutMs: number) =>
      call<CacheEntry<T>>({ method: 'GET', path: `/cache/${namespace}/entries/${segment(key)}`, timeoutMs }),
    cachePut: (namespace: string, key: string, value: unknown, ttlMs: number, timeoutMs: number) =>
      call<unknown>({ method: 'PUT', path: `/cache/${namespace}/entries/${segment(key)}`, body: { value, ttlMs }, timeoutMs }),
    cacheInvalidate: (namespace: string) =>
      call<{ namespace: string; version: number }>({ method: 'POST', path: `/cache/${namespace}/invalidate` }),

    topBestsellers: (window: BestsellerWindow, limit: number) =>
      call<BestsellerRanking>({ method: 'GET', path: '/bestsellers', query: { window, limit } }),
    rebuildBestsellers: (rebuild: BestsellerRebuild) => call<unknown>({ method: 'PUT', path: '/bestsellers', body: rebuild }),

    recentlyViewed: (userId: number, limit: number) =>
      call<RecentlyViewed>({ method: 'GET', path: `/recently-viewed/${userId}`, query: { limit } }),
    recordView: (userId: number, bookId: number) =>
      call<RecentlyViewed>({ method: 'POST', path: `/recently-viewed/${userId}`, body: { bookId } }),
  };
}

export type RedisClient = ReturnType<typeof redisClient>;
