import { isExpired, readClaims, type SessionClaims } from '../domain/jwt-claims';

/** The one thing the console keeps in the browser: the session's access token, for this tab only. */
const TOKEN_KEY = 'c360.session';

export interface Session {
  token: string;
  claims: SessionClaims;
}

export function loadSession(): Session | null {
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (!token) return null;
  const claims = readClaims(token);
  if (!claims || isExpired(claims, Date.now() / 1000)) {
    sessionStorage.removeItem(TOKEN_KEY);
    return null;
  }
  return { token, claims };
}

export function saveSession(token: string): Session | null {
  const claims = readClaims(token);
  if (!claims) return null;
  sessionStorage.setItem(TOKEN_KEY, token);
  return { token, claims };
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

/**
 * The development sign-in link carries the token in the fragment (#dev-token=...), which never
 * reaches a server; it is taken into the session and removed from the address at once.
 */
export function takeTokenFromFragment(): Session | null {
  const match = /^#dev-token=([A-Za-z0-9._-]+)$/.exec(window.location.hash);
  if (!match?.[1]) return null;
  history.replaceState(null, '', window.location.pathname);
  return saveSession(match[1]);
}
