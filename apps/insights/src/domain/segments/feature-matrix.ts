/** How one feature is read and described: the words come from here, never from column names. */
export interface FeatureMeta {
  /** What the feature measures, e.g. "purchase frequency". */
  label: string;
  /** Words for a segment well above the population, e.g. "frequent buyers". */
  high: string;
  /** Words for a segment well below the population, e.g. "rare buyers". */
  low: string;
  /** 'log' standardises ln(1 + x) instead of x, for non-negative skewed amounts and counts. */
  scale?: 'linear' | 'log';
}

export type FeatureMetadata = Record<string, FeatureMeta>;

export interface CustomerFeatures {
  customerId: string;
  features: Record<string, number>;
}

/** Rows sorted by customer id (so input order cannot change a result), in raw and standardised form. */
export interface FeatureMatrix {
  features: string[];
  customerIds: string[];
  /** Raw values, a missing or non-finite value replaced by the feature's mean. */
  raw: number[][];
  /** Standardised values: (transform(x) − mean) / sd; 0 for a missing value or a constant feature. */
  standardised: number[][];
  means: number[];
  sds: number[];
  scales: ('linear' | 'log')[];
}

export function transformValue(value: number, scale: 'linear' | 'log'): number {
  return scale === 'log' ? Math.log1p(Math.max(0, value)) : value;
}

export function buildFeatureMatrix(rows: readonly CustomerFeatures[], metadata: FeatureMetadata): FeatureMatrix {
  const features = Object.keys(metadata).sort();
  const scales = features.map((f) => metadata[f]?.scale ?? 'linear');
  const sorted = [...rows].sort((p, q) => (p.customerId < q.customerId ? -1 : p.customerId > q.customerId ? 1 : 0));
  const value = (row: CustomerFeatures, f: string): number | null => {
    const v = row.features[f];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const rawMeans = features.map((f) => mean(sorted.map((row) => value(row, f)).filter((v): v is number => v !== null)));
  const raw = sorted.map((row) => features.map((f, j) => value(row, f) ?? rawMeans[j] ?? 0));
  const transformed = raw.map((values) => values.map((v, j) => transformValue(v, scales[j] ?? 'linear')));
  const means = features.map((_, j) => mean(transformed.map((values) => values[j] ?? 0)));
  const sds = features.map((_, j) => Math.sqrt(mean(transformed.map((values) => ((values[j] ?? 0) - (means[j] ?? 0)) ** 2))));
  const standardised = transformed.map((values) => values.map((v, j) => standardise(v, means[j] ?? 0, sds[j] ?? 0)));
  return { features, customerIds: sorted.map((row) => row.customerId), raw, standardised, means, sds, scales };
}

export function standardise(value: number, mean: number, sd: number): number {
  return sd > 0 ? (value - mean) / sd : 0;
}

function mean(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((sum, v) => sum + v, 0) / values.length;
}
