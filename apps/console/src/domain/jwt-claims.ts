/**
 * Reads the claims of the session's access token to adapt the UI (which pages, which actions). The
 * signature is not checked here: the gateway verifies every request, the UI only hides what it refuses.
 */
export interface SessionClaims {
  subject: string;
  roles: string[];
  expiresAt?: number;
}

function base64UrlDecode(part: string): string {
  const base64 = part
    .replace(/-/g, '+')
    .replace(/_/g, '/')
    .padEnd(Math.ceil(part.length / 4) * 4, '=');
  const binary = atob(base64);
  return new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0)));
}

export function readClaims(token: string): SessionClaims | null {
  const payload = token.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(base64UrlDecode(payload)) as { sub?: unknown; roles?: unknown; exp?: unknown };
    if (typeof claims.sub !== 'string') return null;
    const roles = Array.isArray(claims.roles) ? claims.roles.filter((r): r is string => typeof r === 'string').map((r) => r.split(':')[0] ?? r) : [];
    return { subject: claims.sub, roles, expiresAt: typeof claims.exp === 'number' ? claims.exp : undefined };
  } catch {
    return null;
  }
}

export function isExpired(claims: SessionClaims, nowSeconds: number): boolean {
  return claims.expiresAt !== undefined && claims.expiresAt <= nowSeconds;
}
