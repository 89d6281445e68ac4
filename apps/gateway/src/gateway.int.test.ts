import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, UnsecuredJWT, type CryptoKey } from 'jose';
import { signAccessToken } from '@c360/auth';
import type { RunningService } from '@c360/service-kit';
import { ACCESS, post, startTestGateway, tokenFor } from './testing/test-gateway';

let gateway: RunningService;

beforeAll(async () => {
  gateway = await startTestGateway();
});

afterAll(() => gateway.close());

const query = (authorization?: string) => post(gateway, { query: '{ __typename }' }, authorization);
const caller = { subject: 'tester', roles: ['analyst' as const], scopes: [] };

describe('gateway authentication with a static key', () => {
  it('refuses an operation without a token', async () => {
    const res = await query();
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const res = await query(`Bearer ${await signAccessToken(caller, ACCESS, '-1m')}`);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.message).toBe('token expired');
  });

  it('refuses a token for another audience', async () => {
    expect((await query(`Bearer ${await signAccessToken(caller, { ...ACCESS, audience: 'someone-else' })}`)).status).toBe(401);
  });

  it('refuses a token from another issuer', async () => {
    expect((await query(`Bearer ${await signAccessToken(caller, { ...ACCESS, issuer: 'someone-else' })}`)).status).toBe(401);
  });

  it('refuses an unsigned token (alg none)', async () => {
    const unsigned = new UnsecuredJWT({ roles: ['service'] })
      .setSubject('mallory')
      .setIssuer(ACCESS.issuer)
      .setAudience(ACCESS.audience)
      .setExpirationTime('1h')
      .encode();
    const res = await query(`Bearer ${unsigned}`);
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token signed with another key', async () => {
    const res = await query(`Bearer ${await signAccessToken(caller, { ...ACCESS, secret: 'a-different-secret-of-32-characters!!' })}`);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses a token with an unknown role', async () => {
    const token = await new SignJWT({ roles: ['root'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('x')
      .setIssuer(ACCESS.issuer)
      .setAudience(ACCESS.audience)
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(ACCESS.secret));
    expect((await query(`Bearer ${token}`)).status).toBe(401);
  });

  it('accepts a valid token', async () => {
    const res = await query(`Bearer ${await tokenFor()}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });

  it('serves health without a token', async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });

  it('counts refused and answered requests on /metrics, by route and status class', async () => {
    await post(gateway, { query: 'query Typename { __typename }' }, `Bearer ${await tokenFor()}`);
    const text = await (await fetch(`${gateway.url}/metrics`)).text();
    expect(text).toMatch(/c360_http_request_duration_seconds_count\{[^}]*route="\/graphql",status="4xx"[^}]*\} [1-9]/);
    expect(text).toMatch(/c360_graphql_operation_duration_seconds_count\{[^}]*operation="Typename",type="query",outcome="ok"[^}]*\} 1/);
    expect(text).not.toContain('Bearer');
  });
});

describe('gateway authentication with a JWKS', () => {
  let jwks: http.Server;
  let jwksGateway: RunningService;
  let privateKey: CryptoKey;

  beforeAll(async () => {
    const pair = await generateKeyPair('ES256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
    jwks = http.createServer((_req, res) => res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: [jwk] })));
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(jwks.address() as AddressInfo).port}/.well-known/jwks.json`;
    jwksGateway = await startTestGateway({ ACCESS_TOKEN_SECRET: undefined, ACCESS_TOKEN_JWKS_URL: url });
  });

  afterAll(async () => {
    await jwksGateway.close();
    await new Promise((r) => jwks.close(r));
  });

  const sign = (key: CryptoKey, audience = ACCESS.audience) =>
    new SignJWT({ roles: ['support'] })
      .setProtectedHeader({ alg: 'ES256', kid: 'k1' })
      .setSubject('s1')
      .setIssuer(ACCESS.issuer)
      .setAudience(audience)
      .setExpirationTime('5m')
      .sign(key);

  it('accepts a token signed by a key of the JWKS', async () => {
    expect((await post(jwksGateway, { query: '{ __typename }' }, `Bearer ${await sign(privateKey)}`)).status).toBe(200);
  });

  it('refuses a token signed by a key outside the JWKS, and a wrong audience', async () => {
    const other = await generateKeyPair('ES256');
    expect((await post(jwksGateway, { query: '{ __typename }' }, `Bearer ${await sign(other.privateKey)}`)).status).toBe(401);
    expect((await post(jwksGateway, { query: '{ __typename }' }, `Bearer ${await sign(privateKey, 'elsewhere')}`)).status).toBe(401);
  });

  it('refuses an HS256 token when keys come from a JWKS', async () => {
    expect((await post(jwksGateway, { query: '{ __typename }' }, `Bearer ${await tokenFor()}`)).status).toBe(401);
  });
});
