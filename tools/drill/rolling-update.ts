import { freePort, ServiceProcess, type ProcessExit } from '@c360/testing';
import type { Slot } from './drill-system';

export interface Replacement {
  name: string;
  /** Starts that failed before one became ready (a pod restarted by the kubelet); the old process served meanwhile. */
  failedStarts: number;
  /** From start of the new process to its first ready /readyz. */
  readyMs: number;
  /** From SIGTERM to the old process's exit: its drain. */
  drainMs: number;
  exit: ProcessExit | null;
}

/**
 * One step of a Kubernetes rolling update with maxSurge 1 and maxUnavailable 0: a new process starts
 * beside the old one (both consume the queues meanwhile, as two replicas do), takes traffic once its
 * /readyz answers, and only then is the old one taken out of the Service and sent SIGTERM, to answer
 * what it holds, finish its jobs and exit. `bundle` runs a built version instead of the checkout.
 */
export async function replaceProcess(slot: Slot, bundle?: string): Promise<Replacement> {
  const started = performance.now();
  const { process: next, failedStarts } = await startReady(slot, bundle);
  const readyMs = performance.now() - started;
  const old = slot.process;
  slot.endpoint.route(next.port);
  slot.process = next;
  const terminated = performance.now();
  const exit = await old.stop('SIGTERM');
  const drainMs = performance.now() - terminated;
  if (exit?.code !== 0) process.stderr.write(`${slot.name} (old) ended with ${JSON.stringify(exit)}:\n${old.tail(20)}\n`);
  return { name: slot.name, failedStarts, readyMs, drainMs, exit };
}

const START_ATTEMPTS = 4;

/**
 * A new process that failed to start (a store slow to answer on a loaded machine) is started again,
 * as the kubelet restarts a crashed container; the rollout waits, and the old process keeps serving.
 */
export async function startReady(slot: Pick<Slot, 'name' | 'env'>, bundle?: string): Promise<{ process: ServiceProcess; failedStarts: number }> {
  for (let failedStarts = 0; ; failedStarts++) {
    const next = new ServiceProcess(slot.name, await freePort(), slot.env, bundle);
    try {
      await next.start(180_000);
      return { process: next, failedStarts };
    } catch (err) {
      if (failedStarts + 1 >= START_ATTEMPTS) throw err;
      process.stderr.write(`${slot.name}: a new process failed to start, starting another: ${(err as Error).message.split('\n')[1] ?? ''}\n`);
    }
  }
}
