import { predictCustomerClv, type ClvModel } from './clv-model';
import type { ClvCustomer } from './rfm-summary';

/** The inputs an explanation credits, as a marketer would name them. */
export type ClvFactor = 'repeat_purchases' | 'periods_since_last_purchase' | 'periods_as_customer' | 'mean_repeat_spend';

export interface ClvContribution {
  feature: ClvFactor;
  /** Change in the explained quantity this input is responsible for, against the model's typical customer. */
  effect: number;
  value: number;
  typical: number;
}

export interface ClvExplanation {
  /** expectedValue when the model has a spend part, expectedPurchases otherwise. */
  explains: 'expectedValue' | 'expectedPurchases';
  value: number;
  typicalValue: number;
  /** Largest effect first; the effects add up to value − typicalValue. */
  contributions: ClvContribution[];
}

type Inputs = Record<ClvFactor, number>;
const FACTORS: readonly ClvFactor[] = ['repeat_purchases', 'periods_since_last_purchase', 'periods_as_customer', 'mean_repeat_spend'];

function inputsOf(c: Omit<ClvCustomer, 'customerId'>): Inputs {
  return { repeat_purchases: c.frequency, periods_since_last_purchase: Math.max(0, c.T - c.recency), periods_as_customer: c.T, mean_repeat_spend: c.monetary };
}

function customerOf(inputs: Inputs): ClvCustomer {
  const T = inputs.periods_as_customer;
  return {
    customerId: '',
    frequency: inputs.repeat_purchases,
    recency: Math.max(0, T - inputs.periods_since_last_purchase),
    T,
    monetary: inputs.mean_repeat_spend,
  };
}

/**
 * Why this customer's value differs from the typical customer's: exact Shapley values over the four
 * inputs (each input's average marginal effect over every order of switching the typical
 * customer's inputs to this customer's; 16 predictions). The models are non-linear in their inputs
 * (a long lapse matters only for a frequent buyer), so a one-at-a-time comparison would not add up.
 */
export function explainClv(model: ClvModel, customer: ClvCustomer, horizonDays: number): ClvExplanation {
  const explains = model.gammaGamma ? 'expectedValue' : 'expectedPurchases';
  const mine = inputsOf(customer);
  const typical = inputsOf(model.reference);
  const valueOfMask = new Map<number, number>();
  const value = (mask: number): number => {
    const cached = valueOfMask.get(mask);
    if (cached !== undefined) return cached;
    const inputs = Object.fromEntries(FACTORS.map((f, i) => [f, mask & (1 << i) ? mine[f] : typical[f]])) as Inputs;
    const p = predictCustomerClv(model, customerOf(inputs), horizonDays);
    const v = (explains === 'expectedValue' ? p.expectedValue : p.expectedPurchases) ?? 0;
    valueOfMask.set(mask, v);
    return v;
  };
  const n = FACTORS.length;
  const contributions = FACTORS.map((feature, i): ClvContribution => {
    let effect = 0;
    for (let mask = 0; mask < 1 << n; mask += 1) {
      if (mask & (1 << i)) continue;
      const size = bitCount(mask);
      effect += (factorial(size) * factorial(n - size - 1) * (value(mask | (1 << i)) - value(mask))) / factorial(n);
    }
    return { feature, effect, value: mine[feature], typical: typical[feature] };
  });
  contributions.sort((p, q) => Math.abs(q.effect) - Math.abs(p.effect));
  return { explains, value: value((1 << n) - 1), typicalValue: value(0), contributions };
}

function bitCount(mask: number): number {
  let count = 0;
  for (let m = mask; m > 0; m >>= 1) count += m & 1;
  return count;
}

function factorial(k: number): number {
  return k <= 1 ? 1 : k * factorial(k - 1);
}
