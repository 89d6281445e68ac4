import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { contentSecurityPolicy, type RuntimeConfig } from './runtime-config';

export interface ConsoleServer {
  url: string;
  close: () => Promise<void>;
}

/** Serves the built console (dist/apps/console) as static files; every other path gets index.html (client-side pages). */
export async function startConsoleServer(options: { distDir: string; host: string; port: number; config: RuntimeConfig }): Promise<ConsoleServer> {
  const index = path.join(options.distDir, 'index.html');
  if (!existsSync(index)) throw new Error(`no console build in ${options.distDir}: run \`npx nx build console\``);
  const app = express();
  app.disable('x-powered-by');
  const csp = contentSecurityPolicy(options.config);
  app.use((_req, res, next) => {
    res.setHeader('content-security-policy', csp);
    res.setHeader('referrer-policy', 'no-referrer');
    res.setHeader('x-content-type-options', 'nosniff');
    next();
  });
  app.get('/config.json', (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json(options.config);
  });
  app.use(express.static(options.distDir, { index: false, maxAge: '1h' }));
  app.use((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return void res.status(405).end();
    res.setHeader('cache-control', 'no-store');
    res.sendFile(index);
  });
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}
