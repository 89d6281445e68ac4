import { createRemoteJWKSet, jwtVerify, SignJWT, errors, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { AuthError, rolesClaim, rolesClaimSchema, type Caller } from './caller';

/**
 * Settings for verifying end-user and partner bearer tokens: a JWKS URL (the identity provider's
 * keys, asymmetric algorithms) or, for local runs and tests, a static HS256 secret.
 */
export interface AccessTokenSettings {
  secret?: string;
  jwksUrl?: string;
  issuer: string;
  audience: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(z.string()).default([]).pipe(rolesClaimSchema),
  scope: z.string().default(''),
});

const ASYMMETRIC = ['RS256', 'PS256', 'ES256', 'ES384', 'EdDSA'];

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export type AccessTokenVerifier = (authorization: string | undefined) => Promise<Caller>;

/**
 * Builds a verifier once per process, so the JWKS is fetched once and cached (jose refetches on an
 * unknown key id, which is how key rotation at the provider reaches us).
 */
export function createAccessTokenVerifier(settings: AccessTokenSettings): AccessTokenVerifier {
  let keys: JWTVerifyGetKey | Uint8Array;
  let algorithms: string[];
  if (settings.jwksUrl) {
    keys = createRemoteJWKSet(new URL(settings.jwksUrl));
    algorithms = ASYMMETRIC;
  } else if (settings.secret) {
    keys = key(settings.secret);
    algorithms = ['HS256'];
  } else {
    throw new Error('access tokens need a JWKS URL or a secret');
  }
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    if (!match?.[1]) throw new AuthError('UNAUTHENTICATED', 'a bearer token is required');
    try {
      const options = { issuer: settings.issuer, audience: settings.audience, algorithms, requiredClaims: ['exp', 'sub'] };
      const { payload } = keys instanceof Uint8Array ? await jwtVerify(match[1], keys, options) : await jwtVerify(match[1], keys, options);
      const claims = claimsSchema.parse(payload);
      return { subject: claims.sub, ...claims.roles, scopes: claims.scope.split(' ').filter(Boolean), expiresAt: payload.exp };
    } catch (err) {
      const reason = err instanceof errors.JWTExpired ? 'token expired' : 'token invalid';
      throw new AuthError('UNAUTHENTICATED', reason);
    }
  };
}

export async function verifyAccessToken(header: string | undefined, settings: AccessTokenSettings): Promise<Caller> {
  return createAccessTokenVerifier(settings)(header);
}

/** Mints an HS256 access token; used by local tooling (demo loader, tests), never by services at request time. */
export async function signAccessToken(caller: Caller, settings: AccessTokenSettings, expiresIn = '1h'): Promise<string> {
  if (!settings.secret) throw new Error('signing an access token needs a secret');
  return new SignJWT({ roles: rolesClaim(caller), scope: caller.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(settings.secret));
}
