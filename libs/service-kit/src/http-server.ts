import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type Express } from 'express';
import { startupSettingsFrom } from './config';
import { createLogger, type Logger } from './logger';
import { currentStartup, runGuarded, startupCheckpoint, StartupGuard, trackStartupResource } from './startup-guard';
import { traceHttpRequests } from './tracing/http-tracing';
import { abandonedTotal, ShutdownTimedOut } from './worker-drain';

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

/**
 * What a server knows while it shuts down: the responses not yet sent, so each can be told to end its
 * connection. Node's server.close() stops accepting and closes idle keep-alive connections once, but a
 * connection busy at that moment stays open after its response (which even says keep-alive), so
 * close() waited for the client to leave (up to its idle timeout) while the client kept sending to a
 * process that was going away.
 */
interface DrainState {
  draining: boolean;
  inFlight: Set<http.ServerResponse>;
}
const drainStates = new WeakMap<http.Server, DrainState>();

function isReadinessProbe(req: http.IncomingMessage): boolean {
  return req.method === 'GET' && (req.url ?? '').split('?')[0] === '/readyz';
}

/** Refuses to listen once a signal came during start-up (startup-guard.ts). */
export async function listen(app: Express, host: string, port: number): Promise<RunningServer> {
  await startupCheckpoint();
  const state: DrainState = { draining: false, inFlight: new Set() };
  const server = http.createServer((req, res) => {
    if (state.draining) {
      res.setHeader('connection', 'close');
      // Not ready any more, so a load balancer still probing takes this instance out of rotation.
      if (isReadinessProbe(req)) {
        res.writeHead(503, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'draining' }));
        return;
      }
    }
    state.inFlight.add(res);
    res.once('close', () => state.inFlight.delete(res));
    app(req, res);
  });
  drainStates.set(server, state);
  server.keepAliveTimeout = KEEP_ALIVE_MS;
  server.headersTimeout = KEEP_ALIVE_MS + 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  trackStartupResource('http', () => closeServer(server));
  const address = server.address() as AddressInfo;
  return { server, port: address.port, url: `http://${host}:${address.port}` };
}

/**
 * Graceful close, as a rolling update needs it. Every response from now on, and every one still being
 * worked on, carries `Connection: close`, so the client sends its next request on a new connection
 * (to another instance) instead of this one; /readyz answers 503. For `drainMs` the server keeps
 * accepting and serving: a load balancer may route here until it notices, and a pooled connection
 * idle until now gets its answer and its close rather than being cut while the client writes on it.
 * Then it stops listening, closes the idle connections, and resolves once every request in flight
 * has been answered and its connection closed, or at `deadline` (epoch ms), when what is left is cut.
 */
export async function closeServer(server: http.Server, drainMs = 0, deadline = Number.POSITIVE_INFINITY): Promise<void> {
  const state = drainStates.get(server);
  if (state) {
    state.draining = true;
    for (const res of state.inFlight) if (!res.headersSent) res.setHeader('connection', 'close');
  }
  if (drainMs > 0) await new Promise((r) => setTimeout(r, drainMs));
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeIdleConnections();
  // A response whose headers went out before the drain began promised keep-alive: its connection is
  // closed once it is idle.
  const sweep = setInterval(() => server.closeIdleConnections(), 250);
  // A request still unanswered at the shutdown's deadline (a stuck call downstream) is cut: the
  // caller retries elsewhere, and the workers and drivers still get their turn before the kill.
  const cut = Number.isFinite(deadline) ? setTimeout(() => server.closeAllConnections(), Math.max(0, deadline - Date.now())) : undefined;
  await closed.finally(() => {
    clearInterval(sweep);
    clearTimeout(cut);
  });
}

export type ShutdownStep = { name: string; close: () => Promise<unknown> };

/**
 * On SIGTERM/SIGINT runs the steps in order (server first so no new work arrives, then workers so
 * in-flight jobs finish, then drivers) and exits: 0 when everything closed, 1 when a step failed or
 * the workers' drain ran out of time (one line says how many jobs were left to stalled-job recovery).
 * A second signal exits at once. From here on the signals are this function's, not the start-up guard's.
 */
export function onShutdown(logger: Logger, steps: ShutdownStep[]): void {
  currentStartup()?.started();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, 'shutting down');
    let code = 0;
    for (const step of steps) {
      try {
        await step.close();
      } catch (err) {
        code = 1;
        if (err instanceof ShutdownTimedOut) logger.error({ abandoned: abandonedTotal(err.outcome), queues: err.outcome.abandoned }, err.message);
        else logger.error({ err, step: step.name }, 'shutdown step failed');
      }
    }
    logger.info({ code }, 'stopped');
    process.exit(code);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

/**
 * Entry point wrapper: a failed start is logged and exits non-zero; a signal during the start closes
 * what the start opened and exits without serving (startup-guard.ts).
 */
export function runMain(name: string, main: () => Promise<void>): void {
  const settings = startupSettingsFrom();
  let logger: Logger | undefined;
  const guard = new StartupGuard(() => (logger ??= createLogger(name, settings.logLevel)), settings);
  guard.install();
  runGuarded(guard, main).then(
    () => guard.started(),
    (err: unknown) => {
      // Closing the stores under a start makes it fail; the guard is exiting already.
      if (guard.aborting) return;
      const message = err instanceof Error ? err.message : String(err);
      process.stderr.write(`${name}: failed to start: ${message}\n`);
      process.exit(1);
    },
  );
}
