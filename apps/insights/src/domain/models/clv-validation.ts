import { DEFAULT_PURCHASE_EVENTS } from '../features/feature-definitions';
import type { TouchFactRecord } from '../features/compute-features';

/** Distinct purchase days among these facts: how BG/NBD counts purchases. */
export function purchaseDays(facts: readonly TouchFactRecord[], purchaseEvents: readonly string[] = DEFAULT_PURCHASE_EVENTS): number {
  const days = facts
    .filter((t) => purchaseEvents.includes(t.eventKey ?? '') || t.type === 'purchase')
    .map((t) => Math.floor(t.occurredAt.getTime() / 86_400_000));
  return new Set(days).size;
}

/** Predicted against actual repeat purchases over the holdout: totals, mean absolute error, RMSE and correlation. */
export function countMetrics(actual: readonly number[], predicted: readonly number[]) {
  const n = actual.length;
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);
  const [ma, mp] = [sum(actual) / n, sum(predicted) / n];
  const cov = sum(actual.map((a, i) => (a - ma) * ((predicted[i] as number) - mp)));
  const [va, vp] = [sum(actual.map((a) => (a - ma) ** 2)), sum(predicted.map((p) => (p - mp) ** 2))];
  return {
    customers: n,
    purchasesActual: sum(actual),
    purchasesPredicted: Math.round(sum(predicted) * 100) / 100,
    purchasesMae: sum(actual.map((a, i) => Math.abs(a - (predicted[i] as number)))) / n,
    purchasesRmse: Math.sqrt(sum(actual.map((a, i) => (a - (predicted[i] as number)) ** 2)) / n),
    purchasesCorrelation: va > 0 && vp > 0 ? cov / Math.sqrt(va * vp) : null,
  };
}
