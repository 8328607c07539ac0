import { defineScript, type CommandParser, type RedisArgument } from 'redis';

export type CartChangeStatus = 'ok' | 'cart_full' | 'quantity_limit';

export interface CartChangeReply {
  status: CartChangeStatus;
  /** The book's quantity before the change was refused, or after it was made. */
  quantity: number;
}

/**
 * Adds to or sets one line, refusing (not clamping) a quantity over the cap or a new line in
 * a full cart. A script, so concurrent adds cannot both pass the check.
 */
export const changeCartLine = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
local cart, mode, bookId = KEYS[1], ARGV[1], ARGV[2]
local quantity, maxQuantity = tonumber(ARGV[3]), tonumber(ARGV[4])
local maxLines, ttlMs = tonumber(ARGV[5]), tonumber(ARGV[6])
local current = tonumber(redis.call('HGET', cart, bookId) or '0')
if current == 0 and redis.call('HLEN', cart) >= maxLines then
  return {'cart_full', current}
end
local wanted = quantity
if mode == 'add' then wanted = current + quantity end
if wanted > maxQuantity then return {'quantity_limit', current} end
redis.call('HSET', cart, bookId, wanted)
if ttlMs > 0 then redis.call('PEXPIRE', cart, ttlMs) end
return {'ok', wanted}`,
  parseCommand(
    parser: CommandParser,
    cartKey: RedisArgument,
    change: { mode: 'add' | 'set'; bookId: number; quantity: number; maxQuantity: number; maxLines: number; ttlMs: number },
  ) {
    parser.pushKey(cartKey);
    parser.push(
      change.mode,
      String(change.bookId),
      String(change.quantity),
      String(change.maxQuantity),
      String(change.maxLines),
      String(change.ttlMs),
    );
  },
  transformReply(reply: unknown): CartChangeReply {
    const [status, quantity] = reply as [CartChangeStatus, number];
    return { status, quantity: Number(quantity) };
  },
});

export interface ClaimedLine {
  bookId: string;
  quantity: string;
}

export type ClaimReply =
  | { status: 'claimed'; lines: ClaimedLine[] }
  | { status: 'empty' | 'claimed_by_other' };

/**
 * Step one of a merge, in the guest cart's slot: takes the guest cart for one user, once.
 * The lines move to a `claimed` key that outlives the call, so a retried or concurrent
 * sign-in of the same user gets the same lines back; another user gets nothing.
 */
export const claimGuestCart = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
local cart, claimed, claimedBy = KEYS[1], KEYS[2], KEYS[3]
local owner = redis.call('GET', claimedBy)
if owner then
  if owner ~= ARGV[1] then return {'claimed_by_other'} end
  return {'claimed', redis.call('HGETALL', claimed)}
end
if redis.call('EXISTS', cart) == 0 then return {'empty'} end
redis.call('RENAME', cart, claimed)
redis.call('PEXPIRE', claimed, ARGV[2])
redis.call('SET', claimedBy, ARGV[1], 'PX', ARGV[2])
return {'claimed', redis.call('HGETALL', claimed)}`,
  parseCommand(
    parser: CommandParser,
    keys: { cart: string; claimed: string; claimedBy: string },
    userId: number,
    memoryMs: number,
  ) {
    parser.pushKeys([keys.cart, keys.claimed, keys.claimedBy]);
    parser.push(String(userId), String(memoryMs));
  },
  transformReply(reply: unknown): ClaimReply {
    const [status, flat] = reply as [string, string[] | undefined];
    if (status !== 'claimed') return { status: status as 'empty' | 'claimed_by_other' };
    const values = flat ?? [];
    const lines: ClaimedLine[] = [];
    for (let i = 0; i + 1 < values.length; i += 2) lines.push({ bookId: values[i]!, quantity: values[i + 1]! });
    return { status: 'claimed', lines };
  },
});

export interface ApplyReply {
  applied: boolean;
  /** Books left out because the user's cart had no free line for them. */
  droppedBookIds: number[];
}

/**
 * Step two, in the user's slot: adds claimed lines to the user's cart (capped per book) unless
 * the marker says this guest cart was already added. Marker and additions are one atomic step.
 */
export const applyGuestCart = defineScript({
  NUMBER_OF_KEYS: 2,
  SCRIPT: `
local cart, marker = KEYS[1], KEYS[2]
if not redis.call('SET', marker, '1', 'NX', 'PX', ARGV[3]) then return {0, {}} end
local maxQuantity, maxLines = tonumber(ARGV[1]), tonumber(ARGV[2])
local lines = redis.call('HLEN', cart)
local dropped = {}
for i = 4, #ARGV, 2 do
  local bookId, quantity = ARGV[i], tonumber(ARGV[i + 1])
  local current = tonumber(redis.call('HGET', cart, bookId) or '0')
  if current == 0 and lines >= maxLines then
    table.insert(dropped, bookId)
  else
    if current == 0 then lines = lines + 1 end
    redis.call('HSET', cart, bookId, math.min(current + quantity, maxQuantity))
  end
end
return {1, dropped}`,
  parseCommand(
    parser: CommandParser,
    keys: { cart: string; marker: string },
    limits: { maxQuantity: number; maxLines: number; memoryMs: number },
    lines: ClaimedLine[],
  ) {
    parser.pushKeys([keys.cart, keys.marker]);
    parser.push(String(limits.maxQuantity), String(limits.maxLines), String(limits.memoryMs));
    for (const line of lines) parser.push(line.bookId, line.quantity);
  },
  transformReply(reply: unknown): ApplyReply {
    const [applied, dropped] = reply as [number, string[]];
    return { applied: Number(applied) === 1, droppedBookIds: (dropped ?? []).map(Number) };
  },
});
