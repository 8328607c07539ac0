import { defineScript, type CommandParser } from 'redis';

export interface RateLimitReply {
  allowed: boolean;
  remaining: number;
  retryAfterMs: number;
}

/**
 * Sliding-window log: one sorted-set member per allowed hit, scored by Redis's own clock
 * (TIME), so every instance of the service counts against the same time. Check and count
 * are one script: with a limit of 10, exactly 10 of 100 concurrent hits pass.
 */
export const hitRateLimit = defineScript({
  NUMBER_OF_KEYS: 1,
  SCRIPT: `
local key = KEYS[1]
local limit, windowMs = tonumber(ARGV[1]), tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - windowMs)
local count = redis.call('ZCARD', key)
if count < limit then
  redis.call('ZADD', key, now, now .. ':' .. ARGV[3])
  redis.call('PEXPIRE', key, windowMs)
  return {1, limit - count - 1, 0}
end
local oldest = redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')
return {0, 0, math.max(tonumber(oldest[2]) + windowMs - now, 1)}`,
  parseCommand(
    parser: CommandParser,
    key: string,
    rule: { limit: number; windowMs: number },
    hitId: string,
  ) {
    parser.pushKey(key);
    parser.push(String(rule.limit), String(rule.windowMs), hitId);
  },
  transformReply(reply: unknown): RateLimitReply {
    const [allowed, remaining, retryAfterMs] = (reply as number[]).map(Number) as [number, number, number];
    return { allowed: allowed === 1, remaining, retryAfterMs };
  },
});
