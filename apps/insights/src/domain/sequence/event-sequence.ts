/** One step of a customer's journey as the sequence models see it. */
export interface SequenceStep {
  event: string;
  /** Epoch milliseconds. */
  at: number;
  channel?: string;
  /** Steps with the same session id belong to one visit; without one, a 30-minute gap starts a new session. */
  session?: string;
}

export interface UserSequence {
  user: string;
  steps: SequenceStep[];
}

const SESSION_GAP_MS = 30 * 60_000;

/** Groups rows into one time-ordered sequence per user (ties keep input order, so same-timestamp steps stay as logged). */
export function sequencesByUser(rows: Iterable<{ user: string } & SequenceStep>): UserSequence[] {
  const byUser = new Map<string, SequenceStep[]>();
  for (const { user, ...step } of rows) {
    const steps = byUser.get(user);
    if (steps) steps.push(step);
    else byUser.set(user, [step]);
  }
  return [...byUser].map(([user, steps]) => ({
    user,
    steps: steps
      .map((s, i) => ({ s, i }))
      .sort((a, b) => a.s.at - b.s.at || a.i - b.i)
      .map(({ s }) => s),
  }));
}

/** True when `step` opens a new session after `previous`. */
export function startsSession(previous: SequenceStep | undefined, step: SequenceStep): boolean {
  if (!previous) return true;
  if (step.session !== undefined && previous.session !== undefined) return step.session !== previous.session;
  return step.at - previous.at > SESSION_GAP_MS;
}

// Gaps on a log scale: the difference between 10 s and 1 min matters as much as between a day and a week.
const GAP_EDGES_MS = [0, 10_000, 60_000, 5 * 60_000, 30 * 60_000, 3 * 3_600_000, 24 * 3_600_000, 7 * 24 * 3_600_000, 30 * 24 * 3_600_000];
export const GAP_BUCKETS = GAP_EDGES_MS.length + 1;

/** 0 for the first step, then 1… by the time since the previous step. */
export function gapBucket(previous: SequenceStep | undefined, step: SequenceStep): number {
  if (!previous) return 0;
  const gap = Math.max(0, step.at - previous.at);
  let bucket = 1;
  for (const edge of GAP_EDGES_MS) if (gap > edge) bucket += 1;
  return Math.min(bucket, GAP_BUCKETS - 1);
}

/**
 * For each step, whether `target` occurs after it within `horizonMs`: what the conversion heads learn.
 * Infinity means "ever later in the sequence".
 */
export function reachesTargetAfter(steps: readonly SequenceStep[], target: string, horizonMs = Infinity): boolean[] {
  const out = new Array<boolean>(steps.length).fill(false);
  let nextTargetAt = Infinity;
  for (let i = steps.length - 1; i >= 0; i--) {
    const step = steps[i]!;
    out[i] = Number.isFinite(nextTargetAt) && nextTargetAt - step.at <= horizonMs;
    if (step.event === target) nextTargetAt = step.at;
  }
  return out;
}

/**
 * The steps a target prediction may see: those before the first `target` for users who reach it, all
 * steps for those who do not. Empty when the target is the user's first step (nothing to predict from).
 */
export function prefixBeforeTarget(steps: readonly SequenceStep[], target: string): { prefix: SequenceStep[]; reached: boolean } {
  const first = steps.findIndex((s) => s.event === target);
  return first < 0 ? { prefix: [...steps], reached: false } : { prefix: steps.slice(0, first), reached: true };
}
