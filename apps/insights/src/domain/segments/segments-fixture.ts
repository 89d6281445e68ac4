import { seededRandom } from '../seeded-random';
import type { CustomerFeatures, FeatureMetadata } from './feature-matrix';

/** Test support: feature metadata in the shape an operator would give, and customers drawn around planted centres. */
export const FEATURE_META: FeatureMetadata = {
  purchases_90d: { label: 'purchases in 90 days', high: 'frequent buyers', low: 'rare buyers' },
  spend_90d: { label: 'spend in 90 days', high: 'high value', low: 'low value', scale: 'log' },
  store_share: { label: 'share of store touches', high: 'store shoppers', low: 'online shoppers' },
  churn_trend: { label: 'change in churn risk', high: 'churn risk rising', low: 'churn risk falling' },
};

export interface Centre {
  purchases_90d: number;
  spend_90d: number;
  store_share: number;
  churn_trend: number;
}

export const CENTRES: Record<string, Centre> = {
  loyal: { purchases_90d: 12, spend_90d: 900, store_share: 0.8, churn_trend: -0.1 },
  lapsing: { purchases_90d: 1, spend_90d: 40, store_share: 0.2, churn_trend: 0.3 },
  online: { purchases_90d: 5, spend_90d: 200, store_share: 0.05, churn_trend: 0 },
};

export const NEW_CENTRE: Centre = { purchases_90d: 25, spend_90d: 5000, store_share: 0.5, churn_trend: -0.3 };

/** Customers around each centre (`perGroup` of them, or as many as the group's entry says), ids `<prefix>-<group>-<n>`, with a small relative spread. */
export function plantedCustomers(centres: Record<string, Centre>, perGroup: number | Record<string, number>, seed: number, prefix = 'c'): CustomerFeatures[] {
  const random = seededRandom(seed);
  const jitter = (value: number, spread: number) => value + spread * (random() - 0.5) * 2;
  return Object.entries(centres).flatMap(([group, centre]) =>
    Array.from({ length: typeof perGroup === 'number' ? perGroup : (perGroup[group] ?? 0) }, (_, n) => ({
      customerId: `${prefix}-${group}-${n}`,
      features: {
        purchases_90d: Math.max(0, Math.round(jitter(centre.purchases_90d, 1 + centre.purchases_90d * 0.15))),
        spend_90d: Math.max(0, jitter(centre.spend_90d, centre.spend_90d * 0.2)),
        store_share: Math.min(1, Math.max(0, jitter(centre.store_share, 0.05))),
        churn_trend: jitter(centre.churn_trend, 0.05),
      },
    })),
  );
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

export function groupOf(customerId: string): string {
  return customerId.split('-')[1] ?? '';
}
