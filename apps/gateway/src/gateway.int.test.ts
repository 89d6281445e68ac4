import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { signAccessToken } from '@c360/auth';
import { createLogger, type RunningService } from '@c360/service-kit';
import { TEST_SECRET } from '@c360/testing';
import { composeSupergraph, defaultSubgraphUrls } from '@c360/supergraph';
import { loadConfig } from './config';
import { startGateway } from './gateway';

const access = { secret: 'gateway-test-access-secret-32-characters!', issuer: 'c360-test', audience: 'c360' };
let gateway: RunningService;

beforeAll(async () => {
  const composed = composeSupergraph(defaultSubgraphUrls({}));
  if ('errors' in composed) throw new Error(composed.errors.join('\n'));
  const supergraphPath = path.join(mkdtempSync(path.join(tmpdir(), 'c360-gw-')), 'supergraph.graphql');
  writeFileSync(supergraphPath, composed.supergraphSdl);
  const config = loadConfig({
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    ACCESS_TOKEN_SECRET: access.secret,
    ACCESS_TOKEN_ISSUER: access.issuer,
    ACCESS_TOKEN_AUDIENCE: access.audience,
    SUPERGRAPH_PATH: supergraphPath,
  });
  gateway = await startGateway(config, createLogger('gateway-test', 'silent'));
});

afterAll(() => gateway.close());

async function query(authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization) headers['authorization'] = authorization;
  const res = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: '{ __typename }' }) });
  return { status: res.status, body: (await res.json()) as { errors?: { extensions?: { code?: string } }[]; data?: unknown } };
}

const caller = { subject: 'tester', roles: ['analyst' as const], scopes: [] };

describe('gateway authentication', () => {
  it('refuses an operation without a token', async () => {
    const res = await query();
    expect(res.status).toBe(401);
    expect(res.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired token', async () => {
    const token = await signAccessToken(caller, access, '-1m');
    expect((await query(`Bearer ${token}`)).status).toBe(401);
  });

  it('refuses a token for another audience', async () => {
    const token = await signAccessToken(caller, { ...access, audience: 'someone-else' });
    expect((await query(`Bearer ${token}`)).status).toBe(401);
  });

  it('refuses a token signed with another key', async () => {
    const token = await signAccessToken(caller, { ...access, secret: 'a-different-secret-of-32-characters!!' });
    expect((await query(`Bearer ${token}`)).body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('accepts a valid token', async () => {
    const token = await signAccessToken(caller, access);
    const res = await query(`Bearer ${token}`);
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ __typename: 'Query' });
  });

  it('serves health without a token', async () => {
    expect((await fetch(`${gateway.url}/healthz`)).status).toBe(200);
  });
});
