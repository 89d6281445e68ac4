/**
 * Waits, boundedly, until a BullMQ handle's connection has finished starting. BullMQ's close() removes
 * the connection's listeners at once, so a start still under way that then fails (the shared Redis
 * client quits next in a shutdown) emits an 'error' no one hears, which ends the process. Bounded,
 * since a Redis that is down never lets the start finish.
 */
export async function untilStarted(handle: { waitUntilReady(): Promise<unknown> }, waitMs = 2_000): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const bound = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs).unref()));
  await Promise.race([
    handle.waitUntilReady().then(
      () => undefined,
      () => undefined,
    ),
    bound,
  ]).finally(() => clearTimeout(timer));
}
