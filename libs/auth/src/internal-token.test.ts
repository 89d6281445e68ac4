import { SignJWT } from 'jose';
import { createInternalTokenVerifier, InternalTokenSigner, signInternalToken, verifyInternalToken } from './internal-token';
import type { Caller } from './caller';

const SECRET = 'internal-token-test-secret-of-32-chars!';
const OTHER_SECRET = 'another-internal-secret-of-32-chars-long';
const caller: Caller = { subject: 'svc', roles: ['marketer'], scopes: ['a'] };

describe('internal tokens', () => {
  it('a cached verifier accepts a token again and still refuses one signed with another secret', async () => {
    const verify = createInternalTokenVerifier(SECRET);
    const token = await signInternalToken(caller, SECRET);
    expect(await verify(token)).toEqual(caller);
    expect(await verify(token)).toEqual(caller);
    const forged = await signInternalToken(caller, OTHER_SECRET);
    await expect(verify(forged)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // The token the first verifier accepted means nothing to a verifier of another secret.
    await expect(createInternalTokenVerifier(OTHER_SECRET)(token)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(verify(undefined)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('a cached verifier refuses an expired token and a tampered one', async () => {
    const verify = createInternalTokenVerifier(SECRET);
    const key = new TextEncoder().encode(SECRET);
    const expired = await new SignJWT({ roles: ['service'], scopes: [] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('svc')
      .setIssuer('c360-gateway')
      .setAudience('c360-subgraphs')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 120)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 60)
      .sign(key);
    await expect(verify(expired)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    const token = await signInternalToken(caller, SECRET);
    await verify(token);
    const [header, , signature] = token.split('.');
    const widened = Buffer.from(
      JSON.stringify({ sub: 'svc', roles: ['compliance'], scopes: [], iss: 'c360-gateway', aud: 'c360-subgraphs', iat: 1, exp: 4_000_000_000 }),
    ).toString('base64url');
    await expect(verify(`${header}.${widened}.${signature}`)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('the signer hands out one token per caller while it is young, and distinct tokens to distinct callers', async () => {
    const signer = new InternalTokenSigner(SECRET);
    const first = await signer.sign(caller);
    expect(await signer.sign({ ...caller, scopes: ['a'] })).toBe(first);
    const other = await signer.sign({ ...caller, roles: ['analyst'] });
    expect(other).not.toBe(first);
    expect(await verifyInternalToken(other, SECRET)).toEqual({ ...caller, roles: ['analyst'] });
    expect(await signer.sign({ ...caller, subject: 'other' })).not.toBe(first);
  });
});
