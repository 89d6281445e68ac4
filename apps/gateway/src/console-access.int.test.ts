import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { RunningService } from '@c360/service-kit';
import { loadConfig } from './config';
import { startTestGateway, tokenFor } from './testing/test-gateway';

const CONSOLE = 'http://127.0.0.1:4173';

describe('CORS for the console origin', () => {
  let gateway: RunningService;
  beforeAll(async () => {
    gateway = await startTestGateway({ CONSOLE_ORIGIN: `${CONSOLE}/` });
  });
  afterAll(() => gateway.close());

  const preflight = (origin: string) =>
    fetch(`${gateway.url}/graphql`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'authorization,content-type' },
    });

  it('answers the console origin preflight without a token, naming exactly that origin', async () => {
    const res = await preflight(CONSOLE);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    expect(res.headers.get('access-control-allow-headers')).toBe('authorization, content-type');
  });

  it('refuses the preflight of any other origin, and adds no CORS header to its requests', async () => {
    for (const origin of ['http://127.0.0.1:4174', 'http://evil.example', 'http://127.0.0.1:4173.evil.example']) {
      const res = await preflight(origin);
      expect(res.status).toBe(403);
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
    const res = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { origin: 'http://evil.example', 'content-type': 'application/json', authorization: `Bearer ${await tokenFor()}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('lets the console read answers, refusals included', async () => {
    const ok = await fetch(`${gateway.url}/graphql`, {
      method: 'POST',
      headers: { origin: CONSOLE, 'content-type': 'application/json', authorization: `Bearer ${await tokenFor()}` },
      body: JSON.stringify({ query: '{ __typename }' }),
    });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(CONSOLE);
    const refused = await fetch(`${gateway.url}/graphql`, { method: 'POST', headers: { origin: CONSOLE, 'content-type': 'application/json' }, body: '{}' });
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe(CONSOLE);
  });
});

describe('GraphiQL in development', () => {
  let gateway: RunningService;
  let assets: string;
  beforeAll(async () => {
    assets = mkdtempSync(path.join(tmpdir(), 'c360-graphiql-'));
    mkdirSync(path.join(assets, 'assets'));
    writeFileSync(path.join(assets, 'graphiql.html'), '<!doctype html><title>GraphiQL</title>');
    writeFileSync(path.join(assets, 'assets', 'graphiql.js'), 'void 0;');
    gateway = await startTestGateway({ GRAPHIQL_ASSETS_DIR: assets, INTROSPECTION: 'true' });
  });
  afterAll(() => gateway.close());

  it('serves the page and its files from the gateway under a CSP that allows only its own origin', async () => {
    const page = await fetch(`${gateway.url}/graphiql`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('GraphiQL');
    expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self';");
    const script = await fetch(`${gateway.url}/assets/graphiql.js`);
    expect(script.status).toBe(200);
    expect((await fetch(`${gateway.url}/assets/nope.js`)).status).toBe(404);
  });

  it('is off unless configured, and needs introspection', async () => {
    const plain = await startTestGateway();
    try {
      expect((await fetch(`${plain.url}/graphiql`)).status).toBe(404);
    } finally {
      await plain.close();
    }
    expect(() => loadConfig({ INTERNAL_TOKEN_SECRET: 'x'.repeat(32), ACCESS_TOKEN_SECRET: 'y'.repeat(32), GRAPHIQL_ASSETS_DIR: assets })).toThrow(
      /INTROSPECTION/,
    );
  });
});
