import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startConsoleServer, type ConsoleServer } from './static-server';

describe('the console static server', () => {
  let server: ConsoleServer;
  beforeAll(async () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'console-dist-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>console</title>');
    writeFileSync(path.join(dist, 'assets', 'app.js'), 'void 0;');
    server = await startConsoleServer({ distDir: dist, host: '127.0.0.1', port: 0, config: { gatewayUrl: 'http://127.0.0.1:4999' } });
  });
  afterAll(() => server.close());

  it('answers every page path with index.html under a CSP that connects to exactly the gateway', async () => {
    for (const page of ['/', '/analytics', '/compliance']) {
      const res = await fetch(`${server.url}${page}`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>console</title>');
      expect(res.headers.get('content-security-policy')).toContain("connect-src 'self' http://127.0.0.1:4999;");
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    }
    expect((await fetch(`${server.url}/analytics`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${server.url}/analytics`, { method: 'POST' })).status).toBe(405);
  });

  it('serves the build and the runtime configuration', async () => {
    expect(await (await fetch(`${server.url}/assets/app.js`)).text()).toBe('void 0;');
    expect(await (await fetch(`${server.url}/config.json`)).json()).toEqual({ gatewayUrl: 'http://127.0.0.1:4999' });
  });

  it('refuses to start without a build', async () => {
    await expect(
      startConsoleServer({ distDir: path.join(tmpdir(), 'no-such-console'), host: '127.0.0.1', port: 0, config: { gatewayUrl: 'http://x' } }),
    ).rejects.toThrow(/no console build/);
  });
});
