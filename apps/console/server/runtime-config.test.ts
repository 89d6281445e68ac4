import { contentSecurityPolicy, runtimeConfig } from './runtime-config';

describe('runtime config', () => {
  it('keeps the gateway origin only and adds OIDC only when issuer and client are both set', () => {
    expect(runtimeConfig({ CONSOLE_GATEWAY_URL: 'http://127.0.0.1:4100/graphql' })).toEqual({ gatewayUrl: 'http://127.0.0.1:4100' });
    expect(runtimeConfig({ CONSOLE_OIDC_ISSUER: 'https://idp.example' }).oidc).toBeUndefined();
    expect(runtimeConfig({ CONSOLE_OIDC_ISSUER: 'https://idp.example/realms/c360', CONSOLE_OIDC_CLIENT_ID: 'console' }).oidc).toEqual({
      issuer: 'https://idp.example/realms/c360',
      clientId: 'console',
      scope: 'openid profile',
    });
  });

  it('lets the page connect to exactly the gateway and the identity provider', () => {
    const csp = contentSecurityPolicy({ gatewayUrl: 'http://127.0.0.1:4000', oidc: { issuer: 'https://idp.example/realms/c360', clientId: 'c', scope: 's' } });
    const connect = csp.split('; ').find((d) => d.startsWith('connect-src'));
    expect(connect).toBe("connect-src 'self' http://127.0.0.1:4000 https://idp.example");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
  });
});
