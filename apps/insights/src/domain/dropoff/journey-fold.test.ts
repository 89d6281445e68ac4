import { foldJourneyTouches, type FoldInput, type JourneyAttempt, type JourneyTouch } from './journey-fold';
import type { JourneyDefinition } from './journey-definitions';

const MIN = 60_000;
const T0 = Date.parse('2026-03-02T10:00:00Z');
const at = (minutes: number) => new Date(T0 + minutes * MIN);
const checkout: JourneyDefinition = { name: 'checkout', start: ['started'], steps: ['shipping', 'payment'], complete: ['paid'] };
const touch = (messageId: string, event: string, minutes: number): JourneyTouch => ({ messageId, event, at: at(minutes) });

function fold(touches: JourneyTouch[], over: Partial<FoldInput> = {}) {
  return foldJourneyTouches({
    journey: checkout,
    customerId: 'c1',
    latest: null,
    applied: new Set(),
    touches,
    usualMs: 30 * MIN,
    attemptIdOf: (m) => `a-${m}`,
    placeAfter: (previous) => `after(${previous?.id ?? '-'})`,
    ...over,
  });
}

function stored(over: Partial<JourneyAttempt>): JourneyAttempt {
  return {
    id: 'a-old',
    customerId: 'c1',
    journey: 'checkout',
    startMessageId: 'old',
    messageIds: ['old'],
    startedAt: at(0),
    stepReached: 'started',
    stepIndex: 0,
    status: 'open',
    dueAt: at(30),
    score: null,
    closedAt: null,
    revision: 3,
    ...over,
  };
}

describe('folding one update into journey attempts', () => {
  it('starts an attempt already at the last step the update reached, due one usual time after its start', () => {
    const [change, ...more] = fold([touch('m1', 'started', 0), touch('m2', 'payment', 2), touch('m3', 'shipping', 3)]);
    expect(more).toEqual([]);
    expect(change).toEqual({
      readRevision: null,
      completedAfterMs: null,
      attempt: expect.objectContaining({ id: 'a-m1', status: 'open', stepReached: 'payment', stepIndex: 2, messageIds: ['m1', 'm2', 'm3'], dueAt: at(30) }),
    });
  });

  it('writes a journey started and completed within one update as completed, never open', () => {
    const [change] = fold([touch('m1', 'started', 0), touch('m2', 'shipping', 1), touch('m3', 'paid', 7)]);
    expect(change!.attempt).toMatchObject({ status: 'completed', closedAt: at(7), stepIndex: 1 });
    expect(change!.completedAfterMs).toBe(7 * MIN);
  });

  it('opens a second attempt for a start after a completion, and leaves it open', () => {
    const changes = fold([touch('m1', 'started', 0), touch('m2', 'paid', 5), touch('m3', 'started', 9), touch('m4', 'shipping', 10)]);
    expect(changes.map((c) => [c.attempt.id, c.attempt.status, c.attempt.stepIndex, c.completedAfterMs])).toEqual([
      ['a-m1', 'completed', 0, 5 * MIN],
      ['a-m3', 'open', 1, null],
    ]);
  });

  it('applies touches in time order, whatever order they were delivered in', () => {
    const [change, ...more] = fold([touch('m3', 'paid', 6), touch('m2', 'shipping', 2), touch('m1', 'started', 0)]);
    expect(more).toEqual([]);
    expect(change!.attempt).toMatchObject({ id: 'a-m1', status: 'completed', stepIndex: 1, closedAt: at(6) });
  });

  it('ignores steps and completions earlier than the attempt they would touch', () => {
    const changes = fold([touch('m2', 'paid', 4), touch('m3', 'payment', 5)], { latest: stored({ startedAt: at(10) }) });
    expect(changes).toEqual([]);
  });

  it('moves a stored open attempt on, from the revision it read, and never moves it back', () => {
    const [change] = fold([touch('m2', 'shipping', 12), touch('m3', 'payment', 11)], { latest: stored({ stepIndex: 1, stepReached: 'shipping' }) });
    expect(change!.readRevision).toBe(3);
    expect(change!.attempt).toMatchObject({ id: 'a-old', stepIndex: 2, stepReached: 'payment', messageIds: ['old', 'm3', 'm2'] });
  });

  it('joins a start made while an attempt is open to that attempt', () => {
    const [change, ...more] = fold([touch('m2', 'started', 3)], { latest: stored({}) });
    expect(more).toEqual([]);
    expect(change!.attempt).toMatchObject({ id: 'a-old', startedAt: at(0), messageIds: ['old', 'm2'] });
  });

  it('completes an attempt whose drop-off was announced, and starts a new one after an announcement', () => {
    const [completed] = fold([touch('m2', 'paid', 50)], { latest: stored({ status: 'notified', closedAt: at(40) }) });
    expect(completed).toMatchObject({ attempt: { status: 'completed', closedAt: at(50) }, completedAfterMs: 50 * MIN });
    const [restarted] = fold([touch('m2', 'started', 20)], { latest: stored({ status: 'notified', closedAt: at(40) }) });
    expect(restarted!.attempt).toMatchObject({ id: 'a-m2', status: 'open', startedAt: at(20) });
  });

  it('does not reopen a completed journey for a start no later than its completion', () => {
    expect(fold([touch('m2', 'started', 4)], { latest: stored({ status: 'completed', closedAt: at(5) }) })).toEqual([]);
    expect(fold([touch('m2', 'paid', 9)], { latest: stored({ status: 'completed', closedAt: at(5) }) })).toEqual([]);
  });

  it('changes nothing for an update delivered again', () => {
    const touches = [touch('m1', 'started', 0), touch('m2', 'payment', 2)];
    const [first] = fold(touches);
    expect(fold(touches, { latest: first!.attempt, applied: new Set(first!.attempt.messageIds) })).toEqual([]);
    // A touch delivered twice within one update counts once.
    const [twice] = fold([touch('m1', 'started', 0), touch('m1', 'started', 0)]);
    expect(twice!.attempt.messageIds).toEqual(['m1']);
  });

  it('places a new attempt after the attempt it follows, whatever its start, so racing folds contend for one place', () => {
    const [one] = fold([touch('m1', 'started', 0)]);
    const [other] = fold([touch('m2', 'started', 1)]);
    expect([one!.attempt.succeeds, other!.attempt.succeeds]).toEqual(['after(-)', 'after(-)']);
    const after = { latest: stored({ status: 'notified', closedAt: at(40) }) };
    const [next] = fold([touch('m3', 'started', 50)], after);
    const [rival] = fold([touch('m4', 'started', 55), touch('m5', 'shipping', 56)], after);
    expect([next!.attempt, rival!.attempt]).toMatchObject([
      { id: 'a-m3', succeeds: 'after(a-old)' },
      { id: 'a-m4', succeeds: 'after(a-old)' },
    ]);
    // Within one update, each attempt follows the one before it.
    const chain = fold([touch('m1', 'started', 0), touch('m2', 'paid', 5), touch('m3', 'started', 9)]);
    expect(chain.map((c) => c.attempt.succeeds)).toEqual(['after(-)', 'after(a-m1)']);
  });

  it('ignores events of other journeys and steps with no open attempt', () => {
    expect(fold([touch('m1', 'page_view', 0), touch('m2', 'shipping', 1)])).toEqual([]);
  });
});
