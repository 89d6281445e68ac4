import { authorizeUrl, codeChallenge, randomVerifier } from '../domain/pkce';
import type { RuntimeConfig } from '../../server/runtime-config';

type Oidc = NonNullable<RuntimeConfig['oidc']>;
// Held only between the redirect to the identity provider and its answer, then removed.
const PENDING_KEY = 'c360.oidc-pending';

interface Discovery {
  authorization_endpoint: string;
  token_endpoint: string;
}

async function discover(issuer: string): Promise<Discovery> {
  const res = await fetch(`${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`);
  if (!res.ok) throw new Error(`identity provider discovery failed (${res.status})`);
  return (await res.json()) as Discovery;
}

const redirectUri = () => `${window.location.origin}/`;

export async function beginSignIn(oidc: Oidc): Promise<void> {
  const { authorization_endpoint } = await discover(oidc.issuer);
  const verifier = randomVerifier((b) => crypto.getRandomValues(b));
  const state = randomVerifier((b) => crypto.getRandomValues(b));
  sessionStorage.setItem(PENDING_KEY, JSON.stringify({ verifier, state }));
  const challenge = await codeChallenge(verifier, (data) => crypto.subtle.digest('SHA-256', data));
  window.location.assign(
    authorizeUrl({ authorizationEndpoint: authorization_endpoint, clientId: oidc.clientId, redirectUri: redirectUri(), scope: oidc.scope, state, challenge }),
  );
}

/** On return from the identity provider (?code=&state=): exchanges the code for a token, or null when this is no such return. */
export async function completeSignIn(oidc: Oidc): Promise<string | null> {
  const params = new URLSearchParams(window.location.search);
  const code = params.get('code');
  if (!code) return null;
  const pending = sessionStorage.getItem(PENDING_KEY);
  sessionStorage.removeItem(PENDING_KEY);
  history.replaceState(null, '', window.location.pathname);
  const { verifier, state } = pending ? (JSON.parse(pending) as { verifier: string; state: string }) : { verifier: '', state: '' };
  if (!verifier || params.get('state') !== state) throw new Error('sign-in answer does not match the request (state)');
  const { token_endpoint } = await discover(oidc.issuer);
  const res = await fetch(token_endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri(), client_id: oidc.clientId, code_verifier: verifier }),
  });
  if (!res.ok) throw new Error(`token exchange refused (${res.status})`);
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error('the identity provider returned no access token');
  return body.access_token;
}
