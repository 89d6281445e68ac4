import type { RequestHandler } from 'express';
import type { Redis } from 'ioredis';
import type { Logger } from '@c360/service-kit';
import { callerOf } from '../http/authenticate';
import { reject } from '../http/graphql-rejection';

export interface RateLimitSettings {
  requests: number;
  windowSeconds: number;
  prefix: string;
}

/**
 * A fixed window per client kept in Redis, so every gateway replica counts against the same
 * budget. The client is the token's partner or subject, never an address a proxy could hide.
 */
export function rateLimit(redis: Redis, settings: RateLimitSettings, logger: Logger): RequestHandler {
  const windowMs = settings.windowSeconds * 1000;
  return async (_req, res, next) => {
    const caller = callerOf(res);
    const client = caller.partnerId ? `partner:${caller.partnerId}` : caller.subject;
    const window = Math.floor(Date.now() / windowMs);
    const key = `${settings.prefix}:gateway:rate:${client}:${window}`;
    try {
      const [[, count]] = (await redis.multi().incr(key).pexpire(key, windowMs).exec()) as [[Error | null, number]];
      if (count > settings.requests) {
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
