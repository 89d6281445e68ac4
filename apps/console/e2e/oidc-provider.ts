import { createHash, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

/**
 * A minimal OpenID provider for the browser tests: discovery, authorize (authorization code with PKCE,
 * S256 only), token and JWKS, with one user who is signed in without a login form. Written here because
 * no OIDC provider package is installed and the console needs only these four endpoints; tokens are
 * ES256 JWTs the gateway verifies through the JWKS as it would a real provider's.
 */
export interface OidcUser {
  subject: string;
  roles: string[];
}

export interface TokenExchange {
  clientId: string;
  /** Whether the code verifier hashed to the challenge the authorize request carried. */
  pkceVerified: boolean;
  status: number;
}

export interface OidcProvider {
  issuer: string;
  jwksUrl: string;
  /** Every token request, in order. */
  exchanges: TokenExchange[];
  close: () => Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  challenge: string;
}

const sha256Url = (text: string) => createHash('sha256').update(text).digest('base64url');

function json(res: http.ServerResponse, status: number, body: unknown, origin?: string): void {
  res.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...(origin ? { 'access-control-allow-origin': origin, vary: 'origin' } : {}),
  });
  res.end(JSON.stringify(body));
}

async function formBody(req: http.IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of req) text += String(chunk);
  return new URLSearchParams(text);
}

export async function startOidcProvider(options: { clientId: string; redirectUri: string; audience: string; user: OidcUser }): Promise<OidcProvider> {
  const { privateKey, publicKey } = await generateKeyPair('ES256');
  const kid = randomBytes(8).toString('hex');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'ES256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const exchanges: TokenExchange[] = [];
  const allowedOrigin = new URL(options.redirectUri).origin;
  let issuer = '';

  async function token(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const form = await formBody(req);
    const code = codes.get(form.get('code') ?? '');
    // A code is good for one exchange, whatever its outcome.
    codes.delete(form.get('code') ?? '');
    const verifier = form.get('code_verifier') ?? '';
    const pkceVerified = !!code && verifier.length >= 43 && sha256Url(verifier) === code.challenge;
    const valid =
      form.get('grant_type') === 'authorization_code' &&
      !!code &&
      code.clientId === form.get('client_id') &&
      code.redirectUri === form.get('redirect_uri') &&
      pkceVerified;
    exchanges.push({ clientId: form.get('client_id') ?? '', pkceVerified, status: valid ? 200 : 400 });
    if (!valid) return json(res, 400, { error: 'invalid_grant' }, allowedOrigin);
    const accessToken = await new SignJWT({ roles: options.user.roles, scope: 'openid profile' })
      .setProtectedHeader({ alg: 'ES256', kid })
      .setIssuer(issuer)
      .setAudience(options.audience)
      .setSubject(options.user.subject)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(privateKey);
    json(res, 200, { access_token: accessToken, token_type: 'Bearer', expires_in: 600 }, allowedOrigin);
  }

  function authorize(url: URL, res: http.ServerResponse): void {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    // Only the registered client and redirect: anything else is refused here, never redirected.
    if (q.get('client_id') !== options.clientId || redirectUri !== options.redirectUri) return json(res, 400, { error: 'invalid_request' });
    const back = new URL(redirectUri);
    const challenge = q.get('code_challenge') ?? '';
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
      back.search = new URLSearchParams({ error: 'invalid_request', state: q.get('state') ?? '' }).toString();
    } else {
      const code = randomBytes(24).toString('base64url');
      codes.set(code, { clientId: options.clientId, redirectUri, challenge });
      back.search = new URLSearchParams({ code, state: q.get('state') ?? '' }).toString();
    }
    res.writeHead(302, { location: back.toString() }).end();
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      return json(
        res,
        200,
        {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          grant_types_supported: ['authorization_code'],
          code_challenge_methods_supported: ['S256'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['ES256'],
          token_endpoint_auth_methods_supported: ['none'],
        },
        allowedOrigin,
      );
    }
    if (req.method === 'GET' && url.pathname === '/jwks') return json(res, 200, { keys: [jwk] });
    if (req.method === 'GET' && url.pathname === '/authorize') return authorize(url, res);
    if (req.method === 'POST' && url.pathname === '/token') {
      return void token(req, res).catch(() => {
        if (!res.headersSent) json(res, 500, { error: 'server_error' }, allowedOrigin);
      });
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    exchanges,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
