import type { Logger } from '@c360/service-kit';

/**
 * Runs a task every `intervalMs`, never two at once, until closed; close waits for a run in
 * progress. A failed run is logged and the next one tries again.
 */
export function startPeriodicTask(name: string, intervalMs: number, task: () => Promise<unknown>, logger: Logger): { close: () => Promise<void> } {
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = task()
      .then(
        () => undefined,
        (err: unknown) => logger.warn({ task: name, err: err instanceof Error ? err.message : String(err) }, 'periodic task failed'),
      )
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  return {
    close: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
