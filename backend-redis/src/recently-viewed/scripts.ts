import { defineScript, type CommandParser } from 'redis';

/** Moves a book to the front of the list (no duplicates), trims it to the bound, reads it. */
export const recordView = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
local key, bookId, max = KEYS[1], ARGV[1], tonumber(ARGV[2])
redis.call('LREM', key, 0, bookId)
redis.call('LPUSH', key, bookId)
redis.call('LTRIM', key, 0, max - 1)
redis.call('PEXPIRE', key, ARGV[3])
return redis.call('LRANGE', key, 0, -1)`,
  parseCommand(parser: CommandParser, key: string, bookId: number, bounds: { max: number; ttlMs: number }) {
    parser.pushKey(key);
    parser.push(String(bookId), String(bounds.max), String(bounds.ttlMs));
  },
  transformReply: (reply: unknown): number[] => (reply as string[]).map(Number),
});
