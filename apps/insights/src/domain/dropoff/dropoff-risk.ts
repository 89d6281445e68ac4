import { completedShareBy, completionQuantile, type CompletionTiming } from './completion-timing';

export interface DropoffSettings {
  /** The quantile of time-to-complete that counts as "its usual time" (0.9: nine in ten who finish have by then). */
  usualQuantile: number;
  /** Completions needed before a journey's own timing is trusted; until then `defaultUsualMs` is. */
  minCompletions: number;
  defaultUsualMs: number;
  /** Risk at which journey.dropoff is published. */
  threshold: number;
}

/** Completion rate assumed before any journey finished, and the weight (in journeys) of that prior. */
const PRIOR_RATE = 0.5;
const PRIOR_WEIGHT = 10;

export function usualTimeMs(timing: CompletionTiming, s: DropoffSettings): number {
  if (timing.completed < s.minCompletions) return s.defaultUsualMs;
  return completionQuantile(timing, s.usualQuantile) ?? s.defaultUsualMs;
}

/**
 * P(the journey is abandoned | not completed after `elapsedMs`). With p the share of started
 * journeys that complete and F the distribution of time-to-complete among those that do, Bayes gives
 * P(completes | not yet) = p(1 − F(t)) / (1 − p·F(t)); the risk is its complement. Before enough
 * completions, F is an exponential whose `usualQuantile` is the default usual time.
 */
export function abandonmentRisk(timing: CompletionTiming, elapsedMs: number, s: DropoffSettings): number {
  const p = (timing.completed + PRIOR_RATE * PRIOR_WEIGHT) / (Math.max(timing.started, timing.completed) + PRIOR_WEIGHT);
  const f =
    timing.completed < s.minCompletions
      ? 1 - Math.exp((Math.log(1 - s.usualQuantile) * Math.max(elapsedMs, 0)) / s.defaultUsualMs)
      : completedShareBy(timing, elapsedMs);
  const stillLikely = (p * (1 - f)) / Math.max(1 - p * f, 1e-12);
  return Math.min(1, Math.max(0, 1 - stillLikely));
}

export type DropoffVerdict = { kind: 'notify'; score: number } | { kind: 'wait'; score: number; recheckAtMs: number } | { kind: 'lapse'; score: number };

/**
 * What to do with a journey still open after `elapsedMs`: not before its usual time; then notify
 * once the risk reaches the threshold; else look again later, and give up once it is far past
 * anything the journey usually takes (a late completion then is a new story, not an intervention).
 */
export function judgeOpenJourney(timing: CompletionTiming, elapsedMs: number, s: DropoffSettings): DropoffVerdict {
  const usual = usualTimeMs(timing, s);
  const score = abandonmentRisk(timing, elapsedMs, s);
  if (elapsedMs < usual) return { kind: 'wait', score, recheckAtMs: usual };
  if (score >= s.threshold) return { kind: 'notify', score };
  if (elapsedMs > 4 * usual) return { kind: 'lapse', score };
  return { kind: 'wait', score, recheckAtMs: elapsedMs + usual / 4 };
}
