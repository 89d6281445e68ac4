import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuthError, rolesClaim, rolesClaimSchema, type Caller } from './caller';

/** Header carrying the caller from the gateway to subgraphs. */
export const INTERNAL_HEADER = 'x-c360-internal';
const AUDIENCE = 'c360-subgraphs';
const ISSUER = 'c360-gateway';

const claimsSchema = z.object({ sub: z.string(), roles: rolesClaimSchema, scopes: z.array(z.string()) });

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/**
 * Signed, short-lived: a subgraph trusts only what the gateway vouched for, so calling a subgraph
 * directly without the shared secret gets nothing.
 */
export async function signInternalToken(caller: Caller, secret: string): Promise<string> {
  return new SignJWT({ roles: rolesClaim(caller), scopes: caller.scopes })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setIssuer(ISSUER)
    .setAudience(AUDIENCE)
    .setIssuedAt()
    .setExpirationTime('60s')
    .sign(key(secret));
}

export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Caller> {
  if (!token) throw new AuthError('UNAUTHENTICATED', 'requests must come through the gateway');
  try {
    const { payload } = await jwtVerify(token, key(secret), { issuer: ISSUER, audience: AUDIENCE, algorithms: ['HS256'], requiredClaims: ['exp', 'iat'] });
    const claims = claimsSchema.parse(payload);
    return { subject: claims.sub, ...claims.roles, scopes: claims.scopes };
  } catch {
    throw new AuthError('UNAUTHENTICATED', 'internal token invalid');
  }
}
