import { jwtVerify, SignJWT, errors } from 'jose';
import { z } from 'zod';
import { AuthError, roleSchema, type Caller } from './caller';

/**
 * Settings for verifying end-user and partner bearer tokens. Local runs use a static HS256 key;
 * issue #6 adds JWKS.
 */
export interface AccessTokenSettings {
  secret: string;
  issuer: string;
  audience: string;
}

const claimsSchema = z.object({
  sub: z.string().min(1),
  roles: z.array(roleSchema).default([]),
  scope: z.string().default(''),
});

function key(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function verifyAccessToken(header: string | undefined, settings: AccessTokenSettings): Promise<Caller> {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  if (!match?.[1]) throw new AuthError('UNAUTHENTICATED', 'a bearer token is required');
  try {
    const { payload } = await jwtVerify(match[1], key(settings.secret), {
      issuer: settings.issuer,
      audience: settings.audience,
      algorithms: ['HS256'],
    });
    const claims = claimsSchema.parse(payload);
    return { subject: claims.sub, roles: claims.roles, scopes: claims.scope.split(' ').filter(Boolean) };
  } catch (err) {
    const reason = err instanceof errors.JWTExpired ? 'token expired' : 'token invalid';
    throw new AuthError('UNAUTHENTICATED', reason);
  }
}

/** Mints an access token; used by local tooling (demo loader, tests), never by services at request time. */
export async function signAccessToken(caller: Caller, settings: AccessTokenSettings, expiresIn = '1h'): Promise<string> {
  return new SignJWT({ roles: caller.roles, scope: caller.scopes.join(' ') })
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(caller.subject)
    .setIssuer(settings.issuer)
    .setAudience(settings.audience)
    .setIssuedAt()
    .setExpirationTime(expiresIn)
    .sign(key(settings.secret));
}
