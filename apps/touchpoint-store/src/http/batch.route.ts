import { AuthError, requireRole, verifyAccessToken, type AccessTokenSettings } from '@c360/auth';
import { jsonBody, rejectClientErrors, sendRestRejection, type Logger } from '@c360/service-kit';
import type { Express, RequestHandler } from 'express';
import { QueueFullError, type TouchpointIntake } from '../intake/touchpoint-intake';

export interface BatchRouteOptions {
  intake: TouchpointIntake;
  access: AccessTokenSettings;
  maxItems: number;
  maxBytes: number;
  maxItemBytes: number;
  logger: Logger;
}

function authenticate(access: AccessTokenSettings): RequestHandler {
  return async (req, res, next) => {
    try {
      requireRole(await verifyAccessToken(req.headers.authorization, access), ['service']);
      next();
    } catch (err) {
      if (!(err instanceof AuthError)) return next(err);
      res.status(err.code === 'UNAUTHENTICATED' ? 401 : 403).json({ error: err.code, reason: err.message });
    }
  };
}

/** `POST /v1/batch`: a JSON array of touchpoints in, one result per item out. */
export function mountBatchRoute(app: Express, options: BatchRouteOptions): void {
  app.post('/v1/batch', authenticate(options.access), jsonBody({ limit: options.maxBytes, type: '*/*' }), rejectClientErrors(sendRestRejection), (async (
    req,
    res,
    next,
  ) => {
    const items: unknown = req.body;
    if (!Array.isArray(items)) return void res.status(400).json({ error: 'BAD_REQUEST', reason: 'body must be a JSON array of touchpoints' });
    if (items.length > options.maxItems) {
      return void res.status(413).json({ error: 'PAYLOAD_TOO_LARGE', reason: `a batch holds at most ${options.maxItems} items` });
    }
    const oversize = items.findIndex((item) => Buffer.byteLength(JSON.stringify(item) ?? '') > options.maxItemBytes);
    if (oversize >= 0) {
      return void res.status(413).json({ error: 'PAYLOAD_TOO_LARGE', reason: `item ${oversize} exceeds the item size limit of ${options.maxItemBytes} bytes` });
    }
    try {
      res.json(await options.intake.submit(items));
    } catch (err) {
      if (err instanceof QueueFullError) {
        res.setHeader('Retry-After', String(err.retryAfterSeconds));
        return void res.status(429).json({ error: 'QUEUE_FULL', reason: err.message });
      }
      options.logger.error({ err }, 'batch intake failed');
      next(err);
    }
  }) as RequestHandler);
}
