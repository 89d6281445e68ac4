import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

// The last part of a service's output is enough for a failure report; a long benchmark must not hoard it all.
const KEPT_OUTPUT_CHARS = 64_000;

/**
 * One service running as its own process, as in production, started from source with tsx and ready
 * once /readyz answers; its recent output is kept for failure reports. The e2e suite and the
 * benchmarks both start services this way.
 */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ServiceProcess {
  private child: ChildProcess | undefined;
  private output = '';

  /** `bundle`: a built main.js (tools/build) run with plain node, instead of the app's source with tsx. */
  constructor(
    readonly name: string,
    readonly port: number,
    private readonly env: Record<string, string>,
    private readonly bundle?: string,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The running process's id, for benchmarks that read its CPU time. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  async start(timeoutMs = 60_000): Promise<void> {
    const child = this.launch();
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`${this.name} exited with ${child.exitCode}:\n${this.tail()}`);
      try {
        const res = await fetch(`${this.url}/readyz`);
        if (res.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 200));
    }
    // A start that fails leaves no process behind.
    await this.stop();
    throw new Error(`${this.name} not ready after ${timeoutMs} ms:\n${this.tail()}`);
  }

  /** Starts the process without waiting for it to be ready (start() waits); for tests that signal it mid-start. */
  launch(): ChildProcess {
    this.output = '';
    const args = this.bundle ? [this.bundle] : ['--import', 'tsx', path.join(root, 'apps', this.name, 'src/main.ts')];
    const child = spawn(process.execPath, args, {
      cwd: root,
      env: { PATH: process.env['PATH'] ?? '', ...this.env, PORT: String(this.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    const keep = (d: Buffer) => (this.output = (this.output + d.toString()).slice(-KEPT_OUTPUT_CHARS));
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return child;
  }

  /** Resolves once the process has written `text` (its recent output is searched). */
  async waitForOutput(text: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!this.output.includes(text)) {
      if (this.child?.exitCode !== null) throw new Error(`${this.name} exited before writing ${JSON.stringify(text)}:\n${this.tail()}`);
      if (Date.now() > deadline) throw new Error(`${this.name} did not write ${JSON.stringify(text)} within ${timeoutMs} ms:\n${this.tail()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** Its output lines, parsed where they are JSON (pino's), for tests that read what it logged. */
  logLines(): Record<string, unknown>[] {
    return this.output.split('\n').flatMap((line) => {
      try {
        const parsed: unknown = JSON.parse(line);
        return parsed && typeof parsed === 'object' ? [parsed as Record<string, unknown>] : [];
      } catch {
        return [];
      }
    });
  }

  /**
   * Sends the signal and resolves with how the process ended (null when it was not running).
   * SIGKILL models a crash: no graceful shutdown, in-flight jobs are left to BullMQ's stall recovery.
   */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<ProcessExit | null> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return null;
    const exited = new Promise<ProcessExit>((r) => child.once('exit', (code, sig) => r({ code, signal: sig })));
    child.kill(signal);
    return exited;
  }

  /** CPU seconds (user + system) the process has used so far, from /proc (Linux; clock ticks are 100 a second there). */
  cpuSeconds(): number {
    const stat = readFileSync(`/proc/${this.pid ?? 'none'}/stat`, 'utf8');
    // Fields after the command name, which may itself hold spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  }

  tail(lines = 40): string {
    return this.output.split('\n').slice(-lines).join('\n');
  }
}
