import { randomBytes } from 'node:crypto';
import { hashTagOf, keySlot } from '../../test/key-slot';
import { KeyBuilder } from './keys';

const keys = new KeyBuilder('bookstore:');
const sessionId = () => randomBytes(32).toString('base64url');
const slotsOf = (list: string[]) => new Set(list.map(keySlot));

describe('the slot calculation (Redis Cluster specification)', () => {
  test('matches the reference values', () => {
    // CRC16/XMODEM("123456789") = 0x31C3; CLUSTER KEYSLOT foo = 12182.
    expect(keySlot('123456789')).toBe(0x31c3);
    expect(keySlot('foo')).toBe(12182);
    expect(keySlot('{user1000}.following')).toBe(keySlot('{user1000}.followers'));
  });

  test('only the first non-empty {…} counts', () => {
    expect(hashTagOf('a{b}c{d}')).toBe('b');
    expect(hashTagOf('a{}b{c}')).toBe('a{}b{c}');
    expect(hashTagOf('a{b')).toBe('a{b');
  });
});

describe('keys used together share one slot', () => {
  test.each(Array.from({ length: 5 }, (_, i) => [i]))('guest cart claim keys (sample %i)', () => {
    const sid = sessionId();
    expect(slotsOf([keys.guestCart(sid), keys.guestCartClaimed(sid), keys.guestCartClaimedBy(sid)]).size).toBe(1);
  });

  test.each([[1], [42], [2_147_483_647]])('user %i: cart, merge markers and recently viewed', (userId) => {
    const list = [
      keys.userCart(userId),
      keys.userCartMergeMarker(userId, sessionId()),
      keys.userCartMergeMarker(userId, sessionId()),
      keys.recentlyViewed(userId),
    ];
    expect(slotsOf(list).size).toBe(1);
  });

  test('bestseller days, all-time set, scratch key and order markers', () => {
    const days = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2030, 0, 1 + i)).toISOString().slice(0, 10));
    const list = [
      ...days.map((day) => keys.bestsellersDay(day)),
      keys.bestsellersAllTime(),
      keys.bestsellersScratch(),
      keys.bestsellersOrderMarker('1'),
      keys.bestsellersOrderMarker('987654'),
    ];
    expect(slotsOf(list).size).toBe(1);
  });

  test('a cache namespace’s version and counters', () => {
    expect(slotsOf([keys.cacheVersion('catalog'), keys.cacheStats('catalog')]).size).toBe(1);
  });

  test('the prefix does not change the layout', () => {
    const other = new KeyBuilder('shop-eu:');
    expect(keySlot(other.userCart(42))).toBe(keySlot(keys.userCart(42)));
  });
});

describe('unrelated things spread over the cluster', () => {
  test('user carts, guest carts, sessions and cache entries land in many slots', () => {
    const ids = Array.from({ length: 200 }, (_, i) => i + 1);
    expect(slotsOf(ids.map((id) => keys.userCart(id))).size).toBeGreaterThan(150);
    expect(slotsOf(ids.map(() => keys.guestCart(sessionId()))).size).toBeGreaterThan(150);
    expect(slotsOf(ids.map(() => keys.session(sessionId()))).size).toBeGreaterThan(150);
    expect(slotsOf(ids.map((id) => keys.cacheEntry('catalog', `books?page=${id}`))).size).toBeGreaterThan(150);
  });

  test('a prefix with braces is refused (it would pin everything to one slot)', () => {
    expect(() => new KeyBuilder('{shop}:')).toThrow(/braces/);
  });
});
