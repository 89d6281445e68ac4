import { createRemoteJWKSet, jwtVerify, SignJWT, errors, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { AuthError, rolesClaim, rolesClaimSchema, type Caller } from './caller';
import { hmacKey, type HmacKey } from './hmac-key';
import { VerifiedTokenCache } from './verified-token-cache';

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

export type AccessTokenVerifier = (authorization: string | undefined) => Promise<Caller>;

/**
 * Builds a verifier once per process, so the JWKS is fetched once and cached (jose refetches on an
 * unknown key id, which is how key rotation at the provider reaches us). A token verified once is
 * remembered by its exact text until it expires (at most a minute), so a client's every request
 * does not pay for a signature check.
 */
export function createAccessTokenVerifier(settings: AccessTokenSettings): AccessTokenVerifier {
  let keys: { jwks: JWTVerifyGetKey } | { secret: Promise<HmacKey> };
  let algorithms: string[];
  if (settings.jwksUrl) {
    keys = { jwks: createRemoteJWKSet(new URL(settings.jwksUrl)) };
    algorithms = ASYMMETRIC;
  } else if (settings.secret) {
    keys = { secret: hmacKey(settings.secret) };
    algorithms = ['HS256'];
  } else {
    throw new Error('access tokens need a JWKS URL or a secret');
  }
  const options = { issuer: settings.issuer, audience: settings.audience, algorithms, requiredClaims: ['exp', 'sub'] };
  const verified = new VerifiedTokenCache<Caller>();
  return async (authorization) => {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
    const token = match?.[1];
    if (!token) throw new AuthError('UNAUTHENTICATED', 'a bearer token is required');
    const known = verified.get(token);
    if (known) return known;
    try {
      const { payload } = 'jwks' in keys ? await jwtVerify(token, keys.jwks, options) : await jwtVerify(token, await keys.secret, options);
      const claims = claimsSchema.parse(payload);
      const caller: Caller = { subject: claims.sub, ...claims.roles, scopes: claims.scope.split(' ').filter(Boolean), expiresAt: payload.exp };
      verified.set(token, caller, payload.exp!);
      return caller;
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
    .sign(await hmacKey(settings.secret));
}
