import { jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import { AuthError, rolesClaim, rolesClaimSchema, type Caller } from './caller';
import { hmacKey } from './hmac-key';
import { VerifiedTokenCache } from './verified-token-cache';

/** Header carrying the caller from the gateway to subgraphs. */
export const INTERNAL_HEADER = 'x-c360-internal';

const AUDIENCE = 'c360-subgraphs';
const ISSUER = 'c360-gateway';
const LIFETIME_SECONDS = 60;
// A signed token is handed out again for half its life, so a subgraph always gets at least 30 s of it.
const REUSE_MS = (LIFETIME_SECONDS / 2) * 1000;

const claimsSchema = z.object({ sub: z.string(), roles: rolesClaimSchema, scopes: z.array(z.string()) });

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
    .setExpirationTime(`${LIFETIME_SECONDS}s`)
    .sign(await hmacKey(secret));
}

async function verifyInFull(token: string, secret: string): Promise<{ caller: Caller; expiresAt: number }> {
  const { payload } = await jwtVerify(token, await hmacKey(secret), {
    issuer: ISSUER,
    audience: AUDIENCE,
    algorithms: ['HS256'],
    requiredClaims: ['exp', 'iat'],
  });
  const claims = claimsSchema.parse(payload);
  return { caller: { subject: claims.sub, ...claims.roles, scopes: claims.scopes }, expiresAt: payload.exp! };
}

export async function verifyInternalToken(token: string | undefined, secret: string): Promise<Caller> {
  if (!token) throw new AuthError('UNAUTHENTICATED', 'requests must come through the gateway');
  try {
    return (await verifyInFull(token, secret)).caller;
  } catch {
    throw new AuthError('UNAUTHENTICATED', 'internal token invalid');
  }
}

export type InternalTokenVerifier = (token: string | undefined) => Promise<Caller>;

/**
 * verifyInternalToken for one secret, remembering each token verified until it expires: the
 * gateway reuses a caller's token across requests, so a subgraph checks its signature once.
 */
export function createInternalTokenVerifier(secret: string): InternalTokenVerifier {
  const verified = new VerifiedTokenCache<Caller>();
  return async (token) => {
    if (!token) throw new AuthError('UNAUTHENTICATED', 'requests must come through the gateway');
    const known = verified.get(token);
    if (known) return known;
    try {
      const { caller, expiresAt } = await verifyInFull(token, secret);
      verified.set(token, caller, expiresAt);
      return caller;
    } catch {
      throw new AuthError('UNAUTHENTICATED', 'internal token invalid');
    }
  };
}

/** What an internal token says about its caller; two callers with the same key get the same token. */
function claimsKey(caller: Caller): string {
  return JSON.stringify([caller.subject, rolesClaim(caller), caller.scopes]);
}

/**
 * Signs internal tokens for the gateway, handing out a caller's token again while it has more than
 * half its life left: signing per subgraph fetch was a large share of a request's cost, and a
 * subgraph that has seen the token verifies it from its cache.
 */
export class InternalTokenSigner {
  private readonly tokens = new Map<string, { token: string; signedAtMs: number }>();

  constructor(
    private readonly secret: string,
    private readonly maxEntries = 10_000,
  ) {}

  async sign(caller: Caller): Promise<string> {
    const key = claimsKey(caller);
    const now = Date.now();
    const reusable = this.tokens.get(key);
    if (reusable && now - reusable.signedAtMs < REUSE_MS) return reusable.token;
    const token = await signInternalToken(caller, this.secret);
    if (this.tokens.size >= this.maxEntries) this.tokens.clear();
    this.tokens.set(key, { token, signedAtMs: now });
    return token;
  }
}
