import type { RequestHandler } from 'express';
import type { Logger, RedisClient } from '@c360/service-kit';
import { callerOf } from '../http/authenticate';
import { reject } from '../http/graphql-rejection';

export interface RateLimitSettings {
  requests: number;
  windowSeconds: number;
  prefix: string;
}

// Counts a request and starts the window's expiry with the first one, atomically: one command per
// request instead of MULTI, INCR, PEXPIRE, EXEC. ioredis sends it by SHA and loads it when missing.
const COUNT_IN_WINDOW = `local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
return n`;

type CountingRedis = RedisClient & { c360CountInWindow(key: string, windowMs: number): Promise<number> };

/**
 * A fixed window per client kept in Redis, so every gateway replica counts against the same
 * budget. The client is the token's partner or subject, never an address a proxy could hide.
 */
export function rateLimit(redis: RedisClient, settings: RateLimitSettings, logger: Logger): RequestHandler {
  const windowMs = settings.windowSeconds * 1000;
  redis.defineCommand('c360CountInWindow', { numberOfKeys: 1, lua: COUNT_IN_WINDOW });
  const counter = redis as CountingRedis;
  return async (_req, res, next) => {
    const caller = callerOf(res);
    const client = caller.partnerId ? `partner:${caller.partnerId}` : caller.subject;
    const window = Math.floor(Date.now() / windowMs);
    const key = `${settings.prefix}:gateway:rate:${client}:${window}`;
    try {
      if ((await counter.c360CountInWindow(key, windowMs)) > settings.requests) {
        const retryAfter = Math.max(1, Math.ceil(((window + 1) * windowMs - Date.now()) / 1000));
        reject(res, 'RATE_LIMITED', `more than ${settings.requests} requests in ${settings.windowSeconds} s`, { 'retry-after': String(retryAfter) });
        return;
      }
    } catch (err) {
      // Fail open: a Redis outage must not take every client down; it is logged and /readyz reports it.
      logger.warn({ err }, 'rate limit unavailable');
    }
    next();
  };
}
