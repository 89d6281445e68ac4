import { gapBucket, prefixBeforeTarget, reachesTargetAfter, sequencesByUser, startsSession } from './event-sequence';

const step = (event: string, minutes: number, session?: string) => ({ event, at: minutes * 60_000, ...(session ? { session } : {}) });

describe('event sequences', () => {
  it('orders each user by time, keeping logged order on equal timestamps', () => {
    const users = sequencesByUser([
      { user: 'b', ...step('x', 5) },
      { user: 'a', ...step('late', 9) },
      { user: 'a', ...step('first', 1) },
      { user: 'a', ...step('second', 1) },
    ]);
    expect(users.map((u) => [u.user, u.steps.map((s) => s.event)])).toEqual([
      ['b', ['x']],
      ['a', ['first', 'second', 'late']],
    ]);
  });

  it('marks the steps the target follows, within the horizon only', () => {
    const steps = [step('view', 0), step('cart', 10), step('buy', 20), step('view', 30), step('view', 200)];
    expect(reachesTargetAfter(steps, 'buy')).toEqual([true, true, false, false, false]);
    expect(reachesTargetAfter(steps, 'buy', 15 * 60_000)).toEqual([false, true, false, false, false]);
    expect(reachesTargetAfter(steps, 'never')).toEqual([false, false, false, false, false]);
  });

  it('predicts the target from the steps before its first occurrence, or from all steps when it never comes', () => {
    const steps = [step('view', 0), step('buy', 1), step('buy', 2)];
    expect(prefixBeforeTarget(steps, 'buy')).toEqual({ prefix: [steps[0]], reached: true });
    expect(prefixBeforeTarget(steps, 'refund')).toEqual({ prefix: steps, reached: false });
    expect(prefixBeforeTarget([step('buy', 0)], 'buy').prefix).toEqual([]);
  });

  it('buckets gaps on a log scale and starts sessions on a new id or a 30-minute gap', () => {
    expect(gapBucket(undefined, step('a', 0))).toBe(0);
    expect(gapBucket(step('a', 0), step('b', 0))).toBe(1);
    expect(gapBucket(step('a', 0), step('b', 2))).toBeLessThan(gapBucket(step('a', 0), step('b', 60 * 24 * 3)));
    expect(startsSession(step('a', 0), step('b', 29))).toBe(false);
    expect(startsSession(step('a', 0), step('b', 31))).toBe(true);
    expect(startsSession(step('a', 0, 's1'), step('b', 1, 's2'))).toBe(true);
  });
});
