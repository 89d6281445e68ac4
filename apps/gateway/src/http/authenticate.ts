import { AuthError, type AccessTokenVerifier, type Caller } from '@c360/auth';
import type { RequestHandler, Response } from 'express';
import { reject } from './graphql-rejection';

/** The caller verified for this request; set by `authenticate`, read by the GraphQL context. */
export function callerOf(res: Response): Caller {
  const caller = res.locals['caller'] as Caller | undefined;
  if (!caller) throw new Error('authenticate must run before GraphQL');
  return caller;
}

/** Every GraphQL request needs a valid bearer token; only /healthz and /readyz are open. */
export function authenticate(verify: AccessTokenVerifier): RequestHandler {
  return async (req, res, next) => {
    try {
      res.locals['caller'] = await verify(req.headers.authorization);
      next();
    } catch (err) {
      if (err instanceof AuthError) reject(res, err.code, err.message, err.code === 'UNAUTHENTICATED' ? { 'www-authenticate': 'Bearer' } : {});
      else next(err);
    }
  };
}
