import { freePort } from '@c360/testing';
import type { ServiceProcess } from '@c360/testing';
// eslint-disable-next-line @nx/enforce-module-boundaries
import { ACCESS } from '../../e2e/src/system';
import { startConsoleServer, type ConsoleServer } from '../server/static-server';
import { DIST, expectAccessible, findCustomer, tokenOf, type ConsoleHarness } from './harness';
import { startJwksGateway } from './jwks-gateway';
import { startOidcProvider, type OidcProvider } from './oidc-provider';

const CLIENT_ID = 'c360-console';

/**
 * Sign-in through an identity provider: the console's authorization code + PKCE against a local OpenID
 * provider, and a gateway that trusts that provider's JWKS only.
 */
export function oidcScenarios(h: ConsoleHarness): void {
  describe('sign-in with an OpenID provider', () => {
    let idp: OidcProvider;
    let gateway: ServiceProcess;
    let site: ConsoleServer;

    beforeAll(async () => {
      const port = await freePort();
      const origin = `http://127.0.0.1:${port}`;
      idp = await startOidcProvider({
        clientId: CLIENT_ID,
        redirectUri: `${origin}/`,
        audience: ACCESS.audience,
        user: { subject: 'oidc-agent', roles: ['support'] },
      });
      gateway = await startJwksGateway(h.system, { jwksUrl: idp.jwksUrl, issuer: idp.issuer, audience: ACCESS.audience }, origin);
      site = await startConsoleServer({
        distDir: DIST,
        host: '127.0.0.1',
        port,
        config: { gatewayUrl: gateway.url, oidc: { issuer: idp.issuer, clientId: CLIENT_ID, scope: 'openid profile' } },
      });
    }, 90_000);

    afterAll(async () => {
      await site?.close();
      await gateway?.stop();
      await idp?.close();
    }, 30_000);

    it('signs in by authorization code with PKCE at the provider; the gateway accepts its token and refuses a development one', async () => {
      const page = await (await h.browser.newContext({ viewport: { width: 1366, height: 900 } })).newPage();
      await page.goto(site.url);
      await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
      await page.getByText('Signed in as oidc-agent').waitFor();
      await expect(page.getByTestId('roles').textContent()).resolves.toBe('support');
      // The code and state have left the address; only the session token is stored.
      expect(page.url()).toBe(`${site.url}/`);
      const stored = await page.evaluate(() => ({ session: Object.keys(sessionStorage), local: Object.keys(localStorage) }));
      expect(stored).toEqual({ session: ['c360.session'], local: [] });
      expect(idp.exchanges).toEqual([{ clientId: CLIENT_ID, pkceVerified: true, status: 200 }]);

      // The gateway verified the provider's token: the customer 360 answers.
      await findCustomer(page, h.data.journeyEmail);
      await page.getByRole('region', { name: 'Identifiers' }).getByText(h.data.journeyEmail).first().waitFor();
      await expectAccessible(page);
      await page.context().close();

      const devToken = await tokenOf('support');
      const refused = await fetch(`${gateway.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${devToken}` },
        body: JSON.stringify({ query: '{ __typename }' }),
      });
      expect(refused.status).toBe(401);
    });

    it('refuses a code exchanged without the verifier its challenge was made from', async () => {
      const page = await (await h.browser.newContext()).newPage();
      // The console's own request to the provider, stopped at the redirect back so the test holds the code.
      await page.route(
        (url) => url.origin === site.url && url.searchParams.has('code'),
        (route) => route.abort(),
      );
      await page.goto(site.url);
      const back = page.waitForRequest((r) => r.url().startsWith(`${site.url}/?code=`));
      await page.getByRole('button', { name: 'Sign in with your organisation' }).click();
      const code = new URL((await back).url()).searchParams.get('code') ?? '';
      await page.context().close();
      const res = await fetch(`${idp.issuer}/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          grant_type: 'authorization_code',
          code,
          redirect_uri: `${site.url}/`,
          client_id: CLIENT_ID,
          code_verifier: 'x'.repeat(43),
        }),
      });
      expect(res.status).toBe(400);
      expect(idp.exchanges.at(-1)).toEqual({ clientId: CLIENT_ID, pkceVerified: false, status: 400 });
    });
  });
}
