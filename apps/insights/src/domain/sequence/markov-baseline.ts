import { reachesTargetAfter, type UserSequence } from './event-sequence';

/**
 * The order-k Markov baseline the sequence network must beat: next-event and will-convert estimates
 * from the last k events, each order smoothed towards the one below it (Dirichlet backoff), so a
 * context seen once in training leans on its shorter suffixes rather than on its single outcome.
 */
export interface MarkovModel {
  kind: 'markov';
  order: number;
  target: string;
  smoothing: number;
  /** context key (events joined by SEP, most recent last) → next event → count. */
  next: Record<string, Record<string, number>>;
  /** context key → [positions seen, positions after which the target followed]. */
  reach: Record<string, [number, number]>;
}

const SEP = '\u0001';
const key = (events: readonly string[]) => events.join(SEP);

export function trainMarkov(
  sequences: readonly UserSequence[],
  options: { order: number; target: string; horizonMs?: number; smoothing?: number },
): MarkovModel {
  const model: MarkovModel = { kind: 'markov', order: options.order, target: options.target, smoothing: options.smoothing ?? 2, next: {}, reach: {} };
  for (const { steps } of sequences) {
    const events = steps.map((s) => s.event);
    const reaches = reachesTargetAfter(steps, options.target, options.horizonMs);
    for (let t = 0; t < events.length; t++) {
      for (let j = 0; j <= Math.min(options.order, t); j++) {
        const counts = (model.next[key(events.slice(t - j, t))] ??= {});
        counts[events[t]!] = (counts[events[t]!] ?? 0) + 1;
      }
      for (let j = 0; j <= Math.min(options.order, t + 1); j++) {
        const cell = (model.reach[key(events.slice(t + 1 - j, t + 1))] ??= [0, 0]);
        cell[0] += 1;
        if (reaches[t]) cell[1] += 1;
      }
    }
  }
  return model;
}

/** Probability of each possible next event after `history` (most recent last). */
export function markovNextDistribution(model: MarkovModel, history: readonly string[]): Map<string, number> {
  const unigram = model.next[''] ?? {};
  const total = Object.values(unigram).reduce((a, b) => a + b, 0) || 1;
  let dist = new Map(Object.entries(unigram).map(([e, n]) => [e, n / total]));
  for (let j = 1; j <= Math.min(model.order, history.length); j++) {
    const counts = model.next[key(history.slice(history.length - j))];
    if (!counts) break;
    const n = Object.values(counts).reduce((a, b) => a + b, 0);
    const blended = new Map<string, number>();
    for (const [e, p] of dist) blended.set(e, (model.smoothing * p) / (n + model.smoothing));
    for (const [e, c] of Object.entries(counts)) blended.set(e, (blended.get(e) ?? 0) + c / (n + model.smoothing));
    dist = blended;
  }
  return dist;
}

/** Probability that the target follows, given the events so far (most recent last). */
export function markovReachProbability(model: MarkovModel, history: readonly string[]): number {
  const [n0, pos0] = model.reach[''] ?? [0, 0];
  let p = n0 ? pos0 / n0 : 0;
  for (let j = 1; j <= Math.min(model.order, history.length); j++) {
    const cell = model.reach[key(history.slice(history.length - j))];
    if (!cell) break;
    p = (cell[1] + model.smoothing * p) / (cell[0] + model.smoothing);
  }
  return p;
}

export function topK(dist: Map<string, number>, k: number): { event: string; probability: number }[] {
  return [...dist]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, k)
    .map(([event, probability]) => ({ event, probability }));
}
