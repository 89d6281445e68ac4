import { createHash } from 'node:crypto';
import { authorizeUrl, base64Url, codeChallenge, randomVerifier } from './pkce';

describe('PKCE', () => {
  it('derives the S256 challenge: base64url of the SHA-256 of the verifier, as node:crypto computes it', async () => {
    const verifier = 'dBjftJeZ4CVP-mJ92K1bmrY6ilVbnWHHkwPhl-yYyAU';
    const challenge = await codeChallenge(verifier, (data) => crypto.subtle.digest('SHA-256', data));
    expect(challenge).toBe(createHash('sha256').update(verifier, 'ascii').digest('base64url'));
    expect(challenge).toBe('mH-83TfxbmvcYqUuP-uf0MzbbMI23G2ADLk5IxsGeEU');
  });

  it('makes 43-character URL-safe verifiers from 32 random bytes', () => {
    const verifier = randomVerifier((b) => b.fill(255));
    expect(verifier).toHaveLength(43);
    expect(verifier).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(base64Url(new Uint8Array([251, 255]))).toBe('-_8');
  });

  it('asks for a code with an S256 challenge', () => {
    const url = new URL(
      authorizeUrl({
        authorizationEndpoint: 'https://idp.example/auth?x=1',
        clientId: 'console',
        redirectUri: 'http://127.0.0.1:4173/',
        scope: 'openid',
        state: 's',
        challenge: 'c',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'console',
      redirect_uri: 'http://127.0.0.1:4173/',
      scope: 'openid',
      state: 's',
      code_challenge: 'c',
      code_challenge_method: 'S256',
    });
  });
});
