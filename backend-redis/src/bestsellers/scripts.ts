import { defineScript, type CommandParser } from 'redis';

export interface BookUnits {
  bookId: number;
  units: number;
}

/** Flat `[member, score, member, score…]` from a WITHSCORES reply. */
function toBookUnits(flat: unknown): BookUnits[] {
  const values = flat as string[];
  const ranking: BookUnits[] = [];
  for (let i = 0; i + 1 < values.length; i += 2) {
    ranking.push({ bookId: Number(values[i]), units: Number(values[i + 1]) });
  }
  return ranking;
}

/**
 * Counts a paid order once: the per-order marker (SET NX) and the increments are one atomic
 * step, so a retried or duplicated delivery of the same order adds nothing.
 */
export const recordOrderUnits = defineScript({
  NUMBER_OF_KEYS: 3,
  SCRIPT: `
local marker, day, allTime = KEYS[1], KEYS[2], KEYS[3]
if not redis.call('SET', marker, '1', 'NX', 'PX', ARGV[1]) then return 0 end
for i = 3, #ARGV, 2 do
  redis.call('ZINCRBY', day, ARGV[i + 1], ARGV[i])
  redis.call('ZINCRBY', allTime, ARGV[i + 1], ARGV[i])
end
redis.call('PEXPIRE', day, ARGV[2])
return 1`,
  parseCommand(
    parser: CommandParser,
    keys: { marker: string; day: string; allTime: string },
    ttl: { markerMs: number; dayMs: number },
    lines: BookUnits[],
  ) {
    parser.pushKeys([keys.marker, keys.day, keys.allTime]);
    parser.push(String(ttl.markerMs), String(ttl.dayMs));
    for (const line of lines) parser.push(String(line.bookId), String(line.units));
  },
  transformReply: (reply: unknown): boolean => Number(reply) === 1,
});

/**
 * Top N over several day sets: ZUNIONSTORE into a scratch key (same slot), read, delete.
 * Scripts run one at a time, so sharing the scratch key is safe.
 */
export const topOfDays = defineScript({
  SCRIPT: `
local scratch = KEYS[1]
redis.call('ZUNIONSTORE', scratch, #KEYS - 1, unpack(KEYS, 2))
local top = redis.call('ZREVRANGE', scratch, 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
redis.call('DEL', scratch)
return top`,
  parseCommand(parser: CommandParser, keys: { scratch: string; days: string[] }, limit: number) {
    // The key count varies with the window, so it is pushed here (no NUMBER_OF_KEYS).
    parser.push(String(keys.days.length + 1));
    parser.pushKeys([keys.scratch, ...keys.days]);
    parser.push(String(limit));
  },
  transformReply: toBookUnits,
});

export const topOfSet = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `return redis.call('ZREVRANGE', KEYS[1], 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')`,
  parseCommand(parser: CommandParser, key: string, limit: number) {
    parser.pushKey(key);
    parser.push(String(limit));
  },
  transformReply: toBookUnits,
});

/**
 * Replaces the all-time set and the day sets of the window with the caller's counts, in one
 * step: readers see either the old ranking or the new one. ARGV[i + 1] is the JSON list of
 * `[bookId, units]` for KEYS[i]; the first key is the all-time set (no expiry).
 */
export const replaceRankings = defineScript({
  SCRIPT: `
for i, key in ipairs(KEYS) do
  redis.call('DEL', key)
  local entries = cjson.decode(ARGV[i + 1])
  for _, entry in ipairs(entries) do
    redis.call('ZADD', key, entry[2], tostring(entry[1]))
  end
  if i > 1 and #entries > 0 then redis.call('PEXPIRE', key, ARGV[1]) end
end
return #KEYS`,
  parseCommand(parser: CommandParser, dayTtlMs: number, sets: Array<{ key: string; ranking: BookUnits[] }>) {
    parser.push(String(sets.length));
    parser.pushKeys(sets.map((set) => set.key));
    parser.push(String(dayTtlMs));
    for (const set of sets) {
      parser.push(JSON.stringify(set.ranking.map((line) => [line.bookId, line.units])));
    }
  },
  transformReply: (reply: unknown): number => Number(reply),
});
