/** OAuth 2.0 authorization code with PKCE (RFC 7636): the pieces that need no network. */
export function base64Url(bytes: Uint8Array): string {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function randomVerifier(random: (bytes: Uint8Array) => Uint8Array): string {
  return base64Url(random(new Uint8Array(32)));
}

export async function codeChallenge(verifier: string, digest: (data: Uint8Array<ArrayBuffer>) => Promise<ArrayBuffer>): Promise<string> {
  return base64Url(new Uint8Array(await digest(new TextEncoder().encode(verifier))));
}

export interface AuthorizeRequest {
  authorizationEndpoint: string;
  clientId: string;
  redirectUri: string;
  scope: string;
  state: string;
  challenge: string;
}

export function authorizeUrl(r: AuthorizeRequest): string {
  const url = new URL(r.authorizationEndpoint);
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: r.clientId,
    redirect_uri: r.redirectUri,
    scope: r.scope,
    state: r.state,
    code_challenge: r.challenge,
    code_challenge_method: 'S256',
  }).toString();
  return url.toString();
}
