import { applyGuestCart, changeCartLine, claimGuestCart } from '../carts/scripts';
import { recordOrderUnits, replaceRankings, topOfDays, topOfSet } from '../bestsellers/scripts';
import { hitRateLimit } from '../rate-limits/scripts';
import { recordView } from '../recently-viewed/scripts';

/**
 * Every Lua script, registered on the client. node-redis sends EVALSHA and falls back to EVAL
 * when a (restarted or failed-over) server answers NOSCRIPT, so nothing is loaded at start.
 */
export const scripts = {
  changeCartLine,
  claimGuestCart,
  applyGuestCart,
  recordOrderUnits,
  topOfDays,
  topOfSet,
  replaceRankings,
  hitRateLimit,
  recordView,
};
