import { roleOf, type JourneyDefinition, type JourneyEventRole } from './journey-definitions';

export const ATTEMPT_STATUSES = ['open', 'completed', 'notified', 'suppressed', 'lapsed'] as const;
export type AttemptStatus = (typeof ATTEMPT_STATUSES)[number];

/** One journey a customer started, as the store keeps it. */
export interface JourneyAttempt {
  id: string;
  customerId: string;
  journey: string;
  startMessageId: string;
  /** Every touchpoint applied to this attempt: a touchpoint delivered again is recognised and skipped. */
  messageIds: string[];
  startedAt: Date;
  stepReached: string;
  stepIndex: number;
  status: AttemptStatus;
  /** When the sweep looks at it next (open attempts only). */
  dueAt: Date;
  score: number | null;
  closedAt: Date | null;
  /** Bumped by every write: a writer holding an older revision learns that it read a stale state. */
  revision: number;
  /**
   * The place this attempt took in the person's attempts: after which attempt it was opened
   * (attempt-succession.ts). Unique, so two folds cannot both open an attempt after the same one.
   * Absent on attempts stored before it was kept.
   */
  succeeds?: string;
}

export interface JourneyTouch {
  messageId: string;
  /** The touchpoint's event key. */
  event: string;
  at: Date;
}

export interface FoldInput {
  journey: JourneyDefinition;
  /** The customer the update is about: new attempts are kept under this id. */
  customerId: string;
  /** The person's latest attempt at this journey (by start time), whatever its status. */
  latest: JourneyAttempt | null;
  /** Touchpoints already applied to an attempt at this journey (whoever holds it now: a touchpoint is applied once). */
  applied: ReadonlySet<string>;
  /** One update's touchpoints, in any order. */
  touches: readonly JourneyTouch[];
  /** The journey's usual time now: a new attempt is due for a look once it has passed. */
  usualMs: number;
  attemptIdOf: (startMessageId: string) => string;
  /**
   * The place of an attempt opened after `previous` (null: the person's first). It must not depend on
   * the start that opens it (attempt-succession.ts): folds that read the same latest attempt then
   * race for one place, and only one of them can take it.
   */
  placeAfter: (previous: JourneyAttempt | null) => string;
}

/** One attempt to write: its whole new state, and what the write means for the journey's timing. */
export interface AttemptChange {
  attempt: JourneyAttempt;
  /** The revision the state was folded from; null for an attempt this update starts. */
  readRevision: number | null;
  /** Time from start to completion, when this update completed it. */
  completedAfterMs: number | null;
}

interface Working extends AttemptChange {
  changed: boolean;
}

function withMessage(w: Working, messageId: string): JourneyAttempt {
  return { ...w.attempt, messageIds: w.attempt.messageIds.includes(messageId) ? w.attempt.messageIds : [...w.attempt.messageIds, messageId] };
}

/** This journey's touches not applied yet, once each, with their role, in time order (ties keep delivery order). */
function pending(input: FoldInput): (JourneyTouch & { role: JourneyEventRole; index: number })[] {
  const seen = new Set(input.applied);
  return input.touches
    .flatMap((t, index) => {
      const role = roleOf(input.journey, t.event);
      if (!role || seen.has(t.messageId)) return [];
      seen.add(t.messageId);
      return [{ ...t, role, index }];
    })
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.index - b.index);
}

/** When the customer last moved the attempt: its completion, else its start (a sweep's verdict is not the customer's). */
function lastCustomerMove(a: JourneyAttempt): number {
  return (a.status === 'completed' && a.closedAt ? a.closedAt : a.startedAt).getTime();
}

function started(input: FoldInput, touch: JourneyTouch, previous: JourneyAttempt | null): Working {
  const attempt: JourneyAttempt = {
    id: input.attemptIdOf(touch.messageId),
    customerId: input.customerId,
    journey: input.journey.name,
    startMessageId: touch.messageId,
    messageIds: [touch.messageId],
    startedAt: touch.at,
    stepReached: touch.event,
    stepIndex: 0,
    status: 'open',
    dueAt: new Date(touch.at.getTime() + input.usualMs),
    score: null,
    closedAt: null,
    revision: 0,
    succeeds: input.placeAfter(previous),
  };
  return { attempt, readRevision: null, completedAfterMs: null, changed: true };
}

/**
 * Applies all of one update's touches of a journey to the person's attempts in memory, so each
 * attempt is then written once, in its final state: a sweep can never see an attempt this update
 * started without the steps the same update brought. The rules, in time order:
 * - a start opens an attempt, unless one is open (the customer is still at it: the start joins it)
 *   or the touch is no later than the latest attempt's start or completion (it belongs to that one);
 *   after an announced, suppressed or lapsed attempt it opens a new one;
 * - a step moves an open attempt on (never back), if it came after the attempt started;
 * - a completion closes the latest attempt if it came after its start, whatever the sweep decided
 *   meanwhile (a completion after an announced drop-off still teaches the journey's timing);
 * - a touch already applied (an update delivered again) changes nothing.
 */
export function foldJourneyTouches(input: FoldInput): AttemptChange[] {
  const changes: AttemptChange[] = [];
  let w: Working | null = input.latest ? { attempt: input.latest, readRevision: input.latest.revision, completedAfterMs: null, changed: false } : null;
  const flush = () => {
    if (w?.changed) changes.push({ attempt: w.attempt, readRevision: w.readRevision, completedAfterMs: w.completedAfterMs });
  };
  for (const touch of pending(input)) {
    const { role } = touch;
    const after = w !== null && touch.at.getTime() >= w.attempt.startedAt.getTime();
    if (role.role === 'start') {
      if (w?.attempt.status === 'open') {
        if (after) w = { ...w, attempt: withMessage(w, touch.messageId), changed: true };
      } else if (!w || (after && touch.at.getTime() > lastCustomerMove(w.attempt))) {
        flush();
        w = started(input, touch, w?.attempt ?? null);
      }
    } else if (role.role === 'step') {
      if (w?.attempt.status === 'open' && after) {
        const moved = role.index > w.attempt.stepIndex ? { stepIndex: role.index, stepReached: touch.event } : {};
        w = { ...w, attempt: { ...withMessage(w, touch.messageId), ...moved }, changed: true };
      }
    } else if (w && w.attempt.status !== 'completed' && after) {
      const completedAfterMs = touch.at.getTime() - w.attempt.startedAt.getTime();
      w = { ...w, attempt: { ...withMessage(w, touch.messageId), status: 'completed', closedAt: touch.at }, completedAfterMs, changed: true };
    }
  }
  flush();
  return changes;
}
