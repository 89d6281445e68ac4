import { DEFAULT_PERIOD_DAYS, fitClvModel, parseClvModel, predictClv, type ClvModel as FittedClv, type CustomerSummary } from '../clv';
import type { FeatureVector } from '../features/compute-features';
import type { Contribution } from '../predictions/explanation';
import type { ClvModel } from './model-scoring';

/** The four BG/NBD and Gamma-Gamma inputs, as the feature store keeps them (in days). */
const INPUTS = ['repeat_purchase_days', 'purchase_span_days', 'purchase_age_days', 'mean_repeat_value'] as const;

interface ClvArtifact {
  model: FittedClv;
  horizonDays: number;
  /** Median of each input over the customers fitted on: the "typical" customer explanations compare with. */
  typical: Record<string, number>;
  /** Mean repeat spend, for customers the spend model cannot value (no Gamma-Gamma fit). */
  meanSpend: number;
}

const num = (v: FeatureVector[string] | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

function summaryOf(row: FeatureVector, periodDays: number, customerId = 'c'): CustomerSummary | null {
  const age = num(row['purchase_age_days']);
  if (age === null) return null;
  return {
    customerId,
    frequency: num(row['repeat_purchase_days']) ?? 0,
    recency: (num(row['purchase_span_days']) ?? 0) / periodDays,
    T: Math.max(age, num(row['purchase_span_days']) ?? 0) / periodDays,
    monetary: num(row['mean_repeat_value']) ?? 0,
    firstPurchaseAt: new Date(0),
    holdoutFrequency: 0,
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[Math.floor(s.length / 2)] as number) : 0;
}

function valueOf(a: ClvArtifact, row: FeatureVector) {
  const summary = summaryOf(row, a.model.periodDays);
  if (!summary) return null;
  const [p] = predictClv(a.model, [summary], a.horizonDays);
  if (!p) return null;
  return { ...p, value: p.expectedValue ?? p.expectedPurchases * a.meanSpend };
}

/**
 * Lifetime value from the clv module: BG/NBD for repeat purchase days and Gamma-Gamma for their spend,
 * fitted on the purchase features of every buyer as of the cutoff, read per customer from the same
 * features now. Its explanation sets one input at a time to the typical buyer's and reports how much
 * that moves the customer's expected value.
 */
export const bgNbdClvModel: ClvModel = {
  name: 'bgnbd-gamma-gamma',
  fit(rows, horizonDays, asOf) {
    const summaries = rows.flatMap((r, i) => summaryOf(r, DEFAULT_PERIOD_DAYS, `c${i}`) ?? []);
    const model = fitClvModel(summaries, { calibrationEnd: asOf, periodDays: DEFAULT_PERIOD_DAYS });
    const typical = Object.fromEntries(INPUTS.map((f) => [f, median(rows.flatMap((r) => num(r[f]) ?? []))]));
    const spends = summaries.filter((s) => s.monetary > 0).map((s) => s.monetary);
    const meanSpend = spends.length ? spends.reduce((a, b) => a + b, 0) / spends.length : 0;
    return { model, horizonDays, typical, meanSpend } satisfies ClvArtifact as unknown as Record<string, unknown>;
  },
  predict(artifact, row) {
    const a = { ...(artifact as unknown as ClvArtifact), model: parseClvModel((artifact as { model: unknown }).model) };
    const own = valueOf(a, row);
    if (!own) return null;
    const contributions: Contribution[] = INPUTS.map((feature) => {
      const typicalValue = valueOf(a, { ...row, [feature]: a.typical[feature] ?? null });
      return { feature, effect: typicalValue ? own.value - typicalValue.value : 0, value: row[feature] ?? null, typical: a.typical[feature] ?? null };
    });
    return {
      expectedValue: own.value,
      details: { expectedPurchases: own.expectedPurchases, probabilityAlive: own.probabilityAlive, horizonDays: a.horizonDays },
      contributions,
    };
  },
};
