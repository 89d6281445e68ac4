import {
  clvCustomerFromDays,
  DEFAULT_PERIOD_DAYS,
  explainClv,
  fitClvModel,
  parseClvModel,
  predictCustomerClv,
  type ClvCustomer,
  type ClvFactor,
  type ClvModel as FittedClv,
} from '../clv';
import type { FeatureVector } from '../features/compute-features';
import type { Contribution } from '../predictions/explanation';
import type { ClvModel } from './model-scoring';

interface ClvArtifact {
  model: FittedClv;
  horizonDays: number;
}

/** The clv module's inputs as the feature store names them, and how many days one of its units is. */
const FEATURE_OF: Record<ClvFactor, { feature: string; days: boolean }> = {
  repeat_purchases: { feature: 'repeat_purchase_days', days: false },
  periods_since_last_purchase: { feature: 'days_since_last_purchase', days: true },
  periods_as_customer: { feature: 'purchase_age_days', days: true },
  mean_repeat_spend: { feature: 'mean_repeat_value', days: false },
};

const num = (v: FeatureVector[string] | undefined) => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** A buyer's purchase features as the clv module reads them; null for someone who never bought. */
function customerOf(row: FeatureVector, periodDays: number, customerId = ''): ClvCustomer | null {
  const age = num(row['purchase_age_days']);
  if (age === null) return null;
  return clvCustomerFromDays(
    {
      customerId,
      repeatPurchaseDays: num(row['repeat_purchase_days']) ?? 0,
      firstToLastPurchaseDays: num(row['purchase_span_days']) ?? 0,
      daysSinceFirstPurchase: age,
      meanRepeatValue: num(row['mean_repeat_value']),
    },
    periodDays,
  );
}

/**
 * Lifetime value from the clv module: BG/NBD for repeat purchase days and Gamma-Gamma for their spend,
 * fitted on the purchase features of every buyer as of the cutoff and read per customer from the same
 * features now; the explanation is the module's exact Shapley split against the typical buyer.
 */
export const bgNbdClvModel: ClvModel = {
  name: 'bgnbd-gamma-gamma',
  fit(rows, horizonDays, asOf) {
    const customers = rows.flatMap((r, i) => customerOf(r, DEFAULT_PERIOD_DAYS, `c${i}`) ?? []);
    const model = fitClvModel(customers, { calibrationEnd: asOf, periodDays: DEFAULT_PERIOD_DAYS });
    return { model, horizonDays } satisfies ClvArtifact as unknown as Record<string, unknown>;
  },
  predict(artifact, row) {
    const a = artifact as unknown as ClvArtifact;
    const model = parseClvModel(a.model);
    const customer = customerOf(row, model.periodDays);
    if (!customer) return null;
    const p = predictCustomerClv(model, customer, a.horizonDays);
    const why = explainClv(model, customer, a.horizonDays);
    const contributions: Contribution[] = why.contributions.map((c) => {
      const { feature, days } = FEATURE_OF[c.feature];
      const unit = days ? model.periodDays : 1;
      return { feature, effect: c.effect, value: row[feature] ?? c.value * unit, typical: Math.round(c.typical * unit * 100) / 100 };
    });
    return {
      expectedValue: p.expectedValue ?? p.expectedPurchases,
      details: { expectedPurchases: p.expectedPurchases, probabilityAlive: p.probabilityAlive, horizonDays: a.horizonDays },
      contributions,
    };
  },
};
