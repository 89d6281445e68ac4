import { labelOf, type SentimentLabel } from './sentiment-label';

export interface ScoredText {
  occurredAt: Date;
  score: number;
}

export interface TrendOptions {
  /** A text this many days older than the newest weighs half as much. */
  halfLifeDays?: number;
}

export interface SentimentTrend {
  /** Time-weighted mean score, −1…1; null without texts. */
  trend: number | null;
  label: SentimentLabel | null;
  /** The newest text's score. */
  lastScore: number | null;
  lastAt: Date | null;
  count: number;
}

export const DEFAULT_HALF_LIFE_DAYS = 30;
const DAY_MS = 86_400_000;

function byTime<T extends ScoredText>(texts: readonly T[]): T[] {
  return [...texts].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

/**
 * Exponentially weighted mean of a customer's text scores, weighted by age relative to the newest
 * text (not to now), so the trend of a quiet customer does not drift by itself.
 */
export function sentimentTrend(texts: readonly ScoredText[], options: TrendOptions = {}): SentimentTrend {
  if (texts.length === 0) return { trend: null, label: null, lastScore: null, lastAt: null, count: 0 };
  const sorted = byTime(texts);
  const last = sorted[sorted.length - 1]!;
  const halfLife = (options.halfLifeDays ?? DEFAULT_HALF_LIFE_DAYS) * DAY_MS;
  let weighted = 0;
  let total = 0;
  for (const t of sorted) {
    const w = Math.pow(0.5, (last.occurredAt.getTime() - t.occurredAt.getTime()) / halfLife);
    weighted += w * t.score;
    total += w;
  }
  const trend = weighted / total;
  return { trend, label: labelOf(trend), lastScore: last.score, lastAt: last.occurredAt, count: sorted.length };
}

/**
 * The rule for a sharp negative turn, stated once. A text turns a customer sharply negative when:
 * - there are at least `minHistory` earlier texts, so there is a "usual" to turn from;
 * - their trend was not negative (≥ 0): a customer already unhappy is not turning;
 * - the text just before was not itself negative (> `maxNewScore`), so a run of angry texts is one turn;
 * - the new text is negative (score ≤ `maxNewScore`) and at least `minGap` below the earlier trend.
 */
export const TURN_RULE = { minHistory: 2, maxNewScore: -0.3, minGap: 0.6 } as const;

export interface NegativeTurn {
  before: number;
  after: number;
  /** The text that turned it. */
  at: Date;
  score: number;
}

/** Whether adding `newest` to `earlier` is a sharp negative turn under TURN_RULE. */
export function negativeTurn(earlier: readonly ScoredText[], newest: ScoredText, options: TrendOptions = {}): NegativeTurn | null {
  const prior = byTime(earlier.filter((t) => t.occurredAt.getTime() <= newest.occurredAt.getTime()));
  const previous = prior[prior.length - 1];
  if (!previous || prior.length < TURN_RULE.minHistory || previous.score <= TURN_RULE.maxNewScore || newest.score > TURN_RULE.maxNewScore) return null;
  const before = sentimentTrend(prior, options).trend!;
  if (before < 0 || before - newest.score < TURN_RULE.minGap) return null;
  const after = sentimentTrend([...prior, newest], options).trend!;
  return { before, after, at: newest.occurredAt, score: newest.score };
}

/**
 * The first turn that a batch of new texts makes, checked text by text in time order against
 * everything before it (a batch with two angry texts is still one turn).
 */
export function firstNegativeTurn<T extends ScoredText>(
  history: readonly ScoredText[],
  added: readonly T[],
  options: TrendOptions = {},
): (NegativeTurn & { text: T }) | null {
  const seen = [...history];
  for (const text of byTime(added)) {
    const turn = negativeTurn(seen, text, options);
    if (turn) return { ...turn, text };
    seen.push(text);
  }
  return null;
}
