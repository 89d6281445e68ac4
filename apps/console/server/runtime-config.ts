/** What the built console learns at run time from /config.json, so one build serves any deployment. */
export interface RuntimeConfig {
  gatewayUrl: string;
  /** OIDC authorization code + PKCE; absent locally, where `npm start` prints dev sign-in links. */
  oidc?: { issuer: string; clientId: string; scope: string };
}

export function runtimeConfig(env: Record<string, string | undefined>): RuntimeConfig {
  const gatewayUrl = new URL(env['CONSOLE_GATEWAY_URL'] ?? 'http://127.0.0.1:4000').origin;
  const issuer = env['CONSOLE_OIDC_ISSUER'];
  const clientId = env['CONSOLE_OIDC_CLIENT_ID'];
  return {
    gatewayUrl,
    ...(issuer && clientId ? { oidc: { issuer, clientId, scope: env['CONSOLE_OIDC_SCOPE'] ?? 'openid profile' } } : {}),
  };
}

/**
 * The console's Content-Security-Policy: scripts and styles from its own origin only, and requests to
 * exactly the gateway (and the identity provider, when one is configured).
 */
export function contentSecurityPolicy(config: RuntimeConfig): string {
  const connect = ["'self'", config.gatewayUrl, ...(config.oidc ? [new URL(config.oidc.issuer).origin] : [])];
  return [
    "default-src 'self'",
    "script-src 'self'",
    // recharts sets inline style attributes on the SVG it draws.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    `connect-src ${connect.join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'self'",
  ].join('; ');
}
