import { createLogger } from './logger';
import { runGuarded, StartupAborted, startupCheckpoint, StartupGuard, trackStartupResource } from './startup-guard';

const logger = createLogger('startup-guard-test', 'silent');

function guard(settings = { shutdownTimeoutMs: 1_000, testPauseMs: 0 }) {
  const exits: number[] = [];
  return {
    guard: new StartupGuard(
      () => logger,
      settings,
      (code) => exits.push(code),
    ),
    exits,
  };
}

describe('StartupGuard', () => {
  it('on a signal mid-start closes what the start opened, newest first, and exits 0', async () => {
    const { guard: g, exits } = guard();
    const closed: string[] = [];
    await runGuarded(g, async () => {
      trackStartupResource('mongodb', async () => void closed.push('mongodb'));
      trackStartupResource('redis', async () => void closed.push('redis'));
    });
    await g.abort('SIGTERM');
    expect(closed).toEqual(['redis', 'mongodb']);
    expect(exits).toEqual([0]);
  });

  it('refuses to go on to listen once aborted, and closes at once what the start opens after the signal', async () => {
    const { guard: g } = guard();
    const closed: string[] = [];
    const aborting = g.abort('SIGTERM');
    await expect(runGuarded(g, () => startupCheckpoint())).rejects.toBeInstanceOf(StartupAborted);
    await runGuarded(g, async () => trackStartupResource('late', async () => void closed.push('late')));
    await aborting;
    expect(closed).toEqual(['late']);
  });

  it('ends a test pause when the signal comes, rather than sitting it out', async () => {
    const { guard: g, exits } = guard({ shutdownTimeoutMs: 1_000, testPauseMs: 60_000 });
    const started = Date.now();
    const checkpoint = runGuarded(g, () => startupCheckpoint());
    await g.abort('SIGTERM');
    await expect(checkpoint).rejects.toBeInstanceOf(StartupAborted);
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(exits).toEqual([0]);
  });

  it('does not wait past the timeout for a resource that never closes', async () => {
    const { guard: g, exits } = guard({ shutdownTimeoutMs: 1_000, testPauseMs: 0 });
    await runGuarded(g, async () => trackStartupResource('stuck', () => new Promise(() => undefined)));
    await g.abort('SIGTERM');
    expect(exits).toEqual([0]);
  });

  it('tracks nothing once started, nor outside a guarded start', async () => {
    const { guard: g, exits } = guard();
    const closed: string[] = [];
    trackStartupResource('outside', async () => void closed.push('outside'));
    await runGuarded(g, async () => {
      g.started();
      trackStartupResource('after', async () => void closed.push('after'));
    });
    await g.abort('SIGTERM');
    expect(closed).toEqual([]);
    expect(exits).toEqual([]);
  });
});
