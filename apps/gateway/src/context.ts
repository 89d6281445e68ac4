import { AuthError, verifyAccessToken, type AccessTokenSettings, type Caller } from '@c360/auth';
import { authErrorToGraphQL } from '@c360/service-kit';
import type { Request } from 'express';

export interface GatewayContext {
  caller?: Caller;
}

/** Every operation needs a valid bearer token; only /healthz and /readyz are open. */
export async function buildContext(req: Request, settings: AccessTokenSettings): Promise<GatewayContext> {
  try {
    return { caller: await verifyAccessToken(req.headers.authorization, settings) };
  } catch (err) {
    if (err instanceof AuthError) throw authErrorToGraphQL(err);
    throw err;
  }
}
