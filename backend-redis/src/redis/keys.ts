/**
 * Every key the service writes, in one place. Redis Cluster (ElastiCache cluster mode) puts
 * a key in one of 16384 slots by hashing only the part between the first `{` and `}` (the
 * hash tag). A script or command that touches several keys must have them all in one slot,
 * so keys that are used together share a tag:
 *
 * - `cart:{user:42}`, `cart:{user:42}:merged:<sid>`, `recent:{user:42}`: one user's things.
 * - `cart:{guest:<sid>}`, `…:claimed`, `…:claimed-by`: one guest cart and its merge claim.
 * - `bestsellers:{bestsellers}:…`: day sets, all-time set, order markers (read together).
 * - `cache:{ns:<name>}:version|stats`: a namespace's counters. Entries carry no tag, so a
 *   busy namespace spreads over the cluster (they are read beside the version, not with it).
 * - sessions and rate-limit counters are single keys: no tag needed.
 *
 * The prefix is validated to hold no braces, and every tag's content is validated by the
 * route schemas, so caller input can never move a key to another slot.
 */
export class KeyBuilder {
  constructor(readonly prefix: string) {
    if (/[{}]/.test(prefix)) throw new Error('a key prefix must not contain braces');
  }

  session(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  userCart(userId: number): string {
    return `${this.prefix}cart:{user:${userId}}`;
  }

  /** Remembers that a guest cart was added to this user's cart, so it is never added twice. */
  userCartMergeMarker(userId: number, guestSessionId: string): string {
    return `${this.prefix}cart:{user:${userId}}:merged:${guestSessionId}`;
  }

  guestCart(sessionId: string): string {
    return `${this.prefix}cart:{guest:${sessionId}}`;
  }

  /** The guest cart's lines once a sign-in has claimed them (kept for retries). */
  guestCartClaimed(sessionId: string): string {
    return `${this.prefix}cart:{guest:${sessionId}}:claimed`;
  }

  /** Which user claimed the guest cart. */
  guestCartClaimedBy(sessionId: string): string {
    return `${this.prefix}cart:{guest:${sessionId}}:claimed-by`;
  }

  recentlyViewed(userId: number): string {
    return `${this.prefix}recent:{user:${userId}}`;
  }

  bestsellersDay(day: string): string {
    return `${this.prefix}bestsellers:{bestsellers}:day:${day}`;
  }

  bestsellersAllTime(): string {
    return `${this.prefix}bestsellers:{bestsellers}:all`;
  }

  bestsellersOrderMarker(orderId: string): string {
    return `${this.prefix}bestsellers:{bestsellers}:order:${orderId}`;
  }

  /** Scratch key a window query unions the day sets into (inside one script, then deleted). */
  bestsellersScratch(): string {
    return `${this.prefix}bestsellers:{bestsellers}:scratch`;
  }

  cacheVersion(namespace: string): string {
    return `${this.prefix}cache:{ns:${namespace}}:version`;
  }

  cacheStats(namespace: string): string {
    return `${this.prefix}cache:{ns:${namespace}}:stats`;
  }

  cacheEntry(namespace: string, key: string): string {
    return `${this.prefix}cache:${namespace}:entry:${key}`;
  }

  rateLimit(bucket: string, key: string): string {
    return `${this.prefix}ratelimit:${bucket}:${key}`;
  }
}
