import { formatPercent, humanise } from './format';

/**
 * How the console reads insights' profiling answers. Three different things can leave a panel empty,
 * and each is said as what it is:
 *  - masked: the caller's role is not cleared for this customer's profiling data (the gateway answers null);
 *  - withheld: the customer gave no profiling consent or restricted processing (nothing is computed: not zero);
 *  - shown: the figures, possibly none yet (no active model, no text scored).
 */
export type ProfilingState = 'masked' | 'withheld' | 'shown';

export function predictionsState(predictions: { withheld: boolean } | null | undefined): ProfilingState {
  if (!predictions) return 'masked';
  return predictions.withheld ? 'withheld' : 'shown';
}

/** Sentiment answers an object always; a role not cleared gets its personal fields as null while withheld is false. */
export function sentimentState(sentiment: { withheld: boolean; textCount?: number | null }): ProfilingState {
  if (sentiment.withheld) return 'withheld';
  return sentiment.textCount === null || sentiment.textCount === undefined ? 'masked' : 'shown';
}

export const PROFILING_NOTICE: Record<Exclude<ProfilingState, 'shown'>, string> = {
  masked: 'Masked: your role is not cleared for this customer’s profiling data.',
  withheld: 'Withheld: the customer has not given profiling consent, or processing is restricted. Nothing is computed, so there are no figures (not zero).',
};

const KIND_LABEL: Record<string, string> = {
  CHURN: 'Churn risk',
  CONVERSION: 'Conversion propensity',
  CLV: 'Customer lifetime value',
  NEXT_STEPS: 'Chance of converting (journey model)',
};

export function kindLabel(kind: string): string {
  return KIND_LABEL[kind] ?? humanise(kind);
}

/** Probabilities as percentages; CLV is an expected value over the horizon, in the data's own currency units. */
export function formatScore(kind: string, score: number): string {
  if (!Number.isFinite(score)) return '—';
  return kind === 'CLV' ? score.toFixed(2) : formatPercent(score);
}

/** A factor's push on the score, signed, in the model's own units (log-odds for propensity models). */
export function formatEffect(effect: number): string {
  if (!Number.isFinite(effect)) return '—';
  const magnitude = Math.abs(effect).toFixed(2);
  if (magnitude === '0.00') return '0.00';
  return `${effect > 0 ? '+' : '−'}${magnitude}`;
}

export interface FactorView {
  feature: string;
  text: string;
  effect: string;
  /** Share of the strongest factor's push on either side, 0–100, for a bar beside the words. */
  strength: number;
}

export interface ExplanationView {
  raising: FactorView[];
  lowering: FactorView[];
}

interface Factor {
  feature: string;
  effect: number;
  text: string;
}

/**
 * The top factors on each side, strongest first (insights sends them so; the console sorts again so a
 * reordered answer cannot mislead), each with a bar relative to the strongest factor of either side.
 */
export function explanationView(explanation: { raising: readonly Factor[]; lowering: readonly Factor[] }, top = 3): ExplanationView {
  const strongest = (fs: readonly Factor[]) => [...fs].sort((a, b) => Math.abs(b.effect) - Math.abs(a.effect)).slice(0, top);
  const raising = strongest(explanation.raising);
  const lowering = strongest(explanation.lowering);
  const max = Math.max(0, ...[...raising, ...lowering].map((f) => Math.abs(f.effect)));
  const view = (f: Factor): FactorView => ({
    feature: f.feature,
    text: f.text,
    effect: formatEffect(f.effect),
    strength: max > 0 ? Math.round((Math.abs(f.effect) / max) * 100) : 0,
  });
  return { raising: raising.map(view), lowering: lowering.map(view) };
}

export interface NextStepView {
  event: string;
  probability: string;
}

/** The three most likely next steps, most likely first. */
export function nextStepsView(steps: readonly { event: string; probability: number }[], top = 3): NextStepView[] {
  return [...steps]
    .sort((a, b) => b.probability - a.probability)
    .slice(0, top)
    .map((s) => ({ event: s.event, probability: formatPercent(s.probability) }));
}

/** A sentiment score in [-1, 1] as words with the figure: "positive (+0.62)". */
export function sentimentWords(score: number | null | undefined, label: string | null | undefined): string {
  if (score === null || score === undefined || !Number.isFinite(score)) return label ? humanise(label).toLowerCase() : '—';
  const figure = `${score > 0 ? '+' : score < 0 ? '−' : ''}${Math.abs(score).toFixed(2)}`;
  return label ? `${humanise(label).toLowerCase()} (${figure})` : figure;
}
