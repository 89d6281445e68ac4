import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import type { Logger } from './logger';
import { traceHttpRequests } from './tracing/http-tracing';

/** A named check of one store the service depends on; resolves when the store answers. */
export interface ReadinessCheck {
  name: string;
  check: () => Promise<unknown>;
}

const READINESS_TIMEOUT_MS = 2_000;

async function runCheck({ name, check }: ReadinessCheck): Promise<{ name: string; ok: boolean; error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${READINESS_TIMEOUT_MS} ms`)), READINESS_TIMEOUT_MS);
  });
  try {
    await Promise.race([check(), timeout]);
    return { name, ok: true };
  } catch (err) {
    return { name, ok: false, error: err instanceof Error ? err.message : String(err) };
  } finally {
    clearTimeout(timer);
  }
}

/** An express app with `/healthz` (the process is up) and `/readyz` (its stores answer). */
export function createHttpApp(checks: ReadinessCheck[]): Express {
  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers go by POST and are never revalidated; an ETag would hash every response body.
  app.disable('etag');
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    const results = await Promise.all(checks.map(runCheck));
    const ready = results.every((r) => r.ok);
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not_ready', checks: results });
  });
  app.use(traceHttpRequests());
  return app;
}

export interface RunningServer {
  server: http.Server;
  url: string;
  port: number;
}

// Callers (the gateway, peers, load balancers) keep pooled connections; Node's default of 5 s
// idle closed them between bursts, and each new connection cost more than the request it carried.
// Headers must be allowed longer than an idle connection lives, or a slow first byte races it.
const KEEP_ALIVE_MS = 65_000;

export async function listen(app: Express, host: string, port: number): Promise<RunningServer> {
  const server = http.createServer(app);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return { server, port: address.port, url: `http://${host}:${address.port}` };
}

export async function closeServer(server: http.Server): Promise<void> {
  server.closeIdleConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

export type ShutdownStep = { name: string; close: () => Promise<unknown> };

/**
 * On SIGTERM/SIGINT runs the steps in order (server first so no new work arrives, then workers so
 * in-flight jobs finish, then drivers) and exits. A second signal exits at once.
 */
export function onShutdown(logger: Logger, steps: ShutdownStep[]): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    for (const step of steps) {
      try {
        await step.close();
      } catch (err) {
        logger.error({ err, step: step.name }, 'shutdown step failed');
      }
    }
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/** Entry point wrapper: a failed start is logged and exits non-zero. */
export function runMain(name: string, main: () => Promise<void>): void {
  main().catch((err: unknown) => {
    const message = err instanceof Error ? err.message : String(err);
    process.stderr.write(`${name}: failed to start: ${message}\n`);
    process.exit(1);
  });
}
