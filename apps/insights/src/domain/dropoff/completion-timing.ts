/**
 * How long a journey takes to complete, learnt from the journeys that did: a histogram of
 * time-to-complete in log-spaced bins (1 minute to 60 days), plus how many journeys started and
 * completed. Counts only grow, so stores keep it with $inc and any number of workers can add to it
 * without a lock; nothing in it is about one person.
 */
export const BIN_COUNT = 64;
const MIN_MS = 60_000;
const MAX_MS = 60 * 86_400_000;
const RATIO = Math.log(MAX_MS / MIN_MS) / BIN_COUNT;

export interface CompletionTiming {
  started: number;
  completed: number;
  /** Completions per bin; bin i covers [edge(i), edge(i+1)), bin 0 everything shorter than edge(1). */
  bins: number[];
}

export function emptyTiming(): CompletionTiming {
  return { started: 0, completed: 0, bins: new Array<number>(BIN_COUNT).fill(0) };
}

export function binEdge(i: number): number {
  return MIN_MS * Math.exp(RATIO * i);
}

export function binOf(durationMs: number): number {
  if (durationMs <= MIN_MS) return 0;
  return Math.min(BIN_COUNT - 1, Math.floor(Math.log(durationMs / MIN_MS) / RATIO));
}

/** Share of completions that took at most `ms`, interpolated within a bin in log time. */
export function completedShareBy(timing: CompletionTiming, ms: number): number {
  const total = timing.bins.reduce((s, c) => s + c, 0);
  if (total === 0) return 0;
  const bin = binOf(ms);
  const below = timing.bins.slice(0, bin).reduce((s, c) => s + c, 0);
  // Bin 0 runs from zero, so it is interpolated linearly; the others in log time.
  const within = bin === 0 ? Math.min(1, Math.max(0, ms) / binEdge(1)) : Math.min(1, Math.max(0, Math.log(ms / binEdge(bin)) / RATIO));
  return Math.min(1, (below + within * (timing.bins[bin] ?? 0)) / total);
}

/** The q-quantile of time-to-complete, interpolated in log time; null before any completion. */
export function completionQuantile(timing: CompletionTiming, q: number): number | null {
  const total = timing.bins.reduce((s, c) => s + c, 0);
  if (total === 0) return null;
  const target = q * total;
  let seen = 0;
  for (let i = 0; i < BIN_COUNT; i++) {
    const count = timing.bins[i] ?? 0;
    if (count > 0 && seen + count >= target) {
      const share = (target - seen) / count;
      return i === 0 ? share * binEdge(1) : binEdge(i) * Math.exp(share * RATIO);
    }
    seen += count;
  }
  return binEdge(BIN_COUNT);
}
