import { AsyncLocalStorage } from 'node:async_hooks';
import type { Worker } from 'bullmq';
import type { Logger } from './logger';
import { abandonedTotal, drainWorkers } from './worker-drain';

/**
 * A SIGTERM while a service starts (connecting, building indexes, loading a model) must not leave a
 * half-started process to be killed, nor let it go on to listen. Everything a start opens through
 * service-kit (MongoDB, Redis, queues, workers, the HTTP server) and anything an app tracks itself is
 * recorded here while the start runs; a signal closes what was opened, newest first, and exits.
 * The record follows the start's async context, so stores opened by tests, or later by a running
 * service, are never tracked.
 */

type Opened = { kind: 'worker'; worker: Worker } | { kind: 'resource'; name: string; close: () => Promise<unknown> };

export class StartupAborted extends Error {
  constructor() {
    super('start-up aborted by a signal');
    this.name = 'StartupAborted';
  }
}

export interface StartupSettings {
  /** The bound on closing what was opened (and on any job a worker already took). */
  shutdownTimeoutMs: number;
  /** For tests only: start-up waits this long before listening, so a test can signal a process mid-start. */
  testPauseMs: number;
}

export class StartupGuard {
  private readonly opened: Opened[] = [];
  private state: 'starting' | 'aborting' | 'started' = 'starting';
  private readonly abortListeners = new Set<() => void>();
  private readonly onSignal = (signal: NodeJS.Signals) => void this.abort(signal);

  constructor(
    private readonly logger: () => Logger,
    private readonly settings: StartupSettings,
    private readonly exit: (code: number) => void = (code) => process.exit(code),
  ) {}

  get aborting(): boolean {
    return this.state === 'aborting';
  }

  /** Takes SIGTERM and SIGINT until the service is started (then onShutdown takes them). */
  install(): void {
    process.on('SIGTERM', this.onSignal);
    process.on('SIGINT', this.onSignal);
  }

  /** The start is over: nothing more is tracked, and the signals are onShutdown's. */
  started(): void {
    if (this.state !== 'starting') return;
    this.state = 'started';
    this.opened.length = 0;
    process.off('SIGTERM', this.onSignal);
    process.off('SIGINT', this.onSignal);
  }

  track(entry: Opened): void {
    if (this.state === 'started') return;
    // Opened while the abort was closing the rest: it is closed too (the process is on its way out).
    if (this.state === 'aborting') void closeQuietly(entry);
    else this.opened.push(entry);
  }

  /** Before the service listens: a test pause if configured, then refuses to go on once a signal came. */
  async checkpoint(): Promise<void> {
    if (this.settings.testPauseMs > 0 && this.state === 'starting') {
      this.logger().warn({ pauseMs: this.settings.testPauseMs }, 'start-up paused (TEST_STARTUP_PAUSE_MS)');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, this.settings.testPauseMs);
        const listener = () => done();
        this.abortListeners.add(listener);
        function done() {
          clearTimeout(timer);
          resolve();
        }
      });
    }
    if (this.state === 'aborting') throw new StartupAborted();
  }

  async abort(signal: string): Promise<void> {
    if (this.state === 'aborting') return this.exit(1); // a second signal: exit at once
    if (this.state !== 'starting') return;
    this.state = 'aborting';
    for (const listener of this.abortListeners) listener();
    const logger = this.logger();
    // Closing the stores under a start still running fails its pending calls, some with nobody left to
    // catch them; those failures are the abort's own doing, and must not crash the process before it exits.
    const expected = (err: unknown) => logger.debug({ err: err instanceof Error ? err.message : String(err) }, 'failure after the start-up abort');
    process.on('unhandledRejection', expected);
    process.on('uncaughtException', expected);
    logger.info({ signal }, 'signal during start-up: closing what was opened');
    const deadline = Date.now() + this.settings.shutdownTimeoutMs;
    const opened = this.opened.splice(0).reverse();
    // Workers first, bounded like a running service's: one may already have taken a job.
    const workers = opened.flatMap((o) => (o.kind === 'worker' ? [o.worker] : []));
    const outcome = await drainWorkers(workers, deadline);
    for (const entry of opened) if (entry.kind === 'resource') await closeQuietly(entry, deadline);
    const abandoned = abandonedTotal(outcome);
    if (abandoned > 0) logger.error({ abandoned, queues: outcome.abandoned }, 'stopped during start-up: active jobs left to stalled-job recovery');
    else logger.info({ closed: opened.length }, 'stopped during start-up');
    this.exit(abandoned > 0 ? 1 : 0);
    // Reached only where exit does not end the process (the unit tests).
    process.off('unhandledRejection', expected);
    process.off('uncaughtException', expected);
  }
}

async function closeQuietly(entry: Opened, deadline = Date.now() + 5_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, Math.max(0, deadline - Date.now()))));
  const close = entry.kind === 'worker' ? () => entry.worker.close(true) : entry.close;
  try {
    // A resource the start closed itself already, or one that failed to open, may refuse a second close.
    await Promise.race([close().catch(() => undefined), bound]);
  } finally {
    clearTimeout(timer);
  }
}

const current = new AsyncLocalStorage<StartupGuard>();

/** Runs a service's start with `guard` as the record of what it opens. */
export function runGuarded<T>(guard: StartupGuard, start: () => Promise<T>): Promise<T> {
  return current.run(guard, start);
}

/** The guard of the start running in this async context, if any (none in tests that start a service in-process). */
export function currentStartup(): StartupGuard | undefined {
  return current.getStore();
}

/** Records something a start opened, to be closed if the start is aborted; a no-op outside a guarded start. */
export function trackStartupResource(name: string, close: () => Promise<unknown>): void {
  current.getStore()?.track({ kind: 'resource', name, close });
}

export function trackStartupWorker(worker: Worker): void {
  current.getStore()?.track({ kind: 'worker', worker });
}

/** Awaited by runService before it listens: see StartupGuard.checkpoint. */
export async function startupCheckpoint(): Promise<void> {
  await current.getStore()?.checkpoint();
}
