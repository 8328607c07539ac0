import type { Request } from 'express';

/** A read that loaded the old version just before the write could still store it: bump once more after this. */
const SECOND_BUMP_AFTER_MS = 1000;

/**
 * After every admin write the shop's cached catalogue (backend-redis namespace `catalog`)
 * is invalidated, so shoppers see the change on their next page. A second bump a moment
 * later catches a page that was loading the old version while the write happened. False
 * when the cache could not be reached: the old pages then live until their TTL.
 */
export async function refreshShopCatalog(req: Request): Promise<boolean> {
  const cache = req.backends.catalogCache;
  const bumped = await cache.invalidate();
  setTimeout(() => void cache.invalidate(), SECOND_BUMP_AFTER_MS).unref();
  return bumped;
}
