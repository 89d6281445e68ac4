import { freePort, ServiceProcess, type ProcessExit } from '@c360/testing';
import type { Slot } from './drill-system';

export interface Replacement {
  name: string;
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
  const next = new ServiceProcess(slot.name, await freePort(), slot.env, bundle);
  const started = performance.now();
  await next.start(180_000);
  const readyMs = performance.now() - started;
  const old = slot.process;
  slot.endpoint.route(next.port);
  slot.process = next;
  const terminated = performance.now();
  const exit = await old.stop('SIGTERM');
  const drainMs = performance.now() - terminated;
  if (exit?.code !== 0) process.stderr.write(`${slot.name} (old) ended with ${JSON.stringify(exit)}:\n${old.tail(20)}\n`);
  return { name: slot.name, readyMs, drainMs, exit };
}
