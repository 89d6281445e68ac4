import type { FeatureMatrix, FeatureMetadata } from './feature-matrix';

/** How far (in population standard deviations) a segment's centroid must sit from the mean before it is described by it. */
export const NOTABLE_DEVIATION = 0.5;
export const DESCRIBED_FEATURES = 3;

export interface ProfileEntry {
  feature: string;
  label: string;
  /** The segment's mean, raw units. */
  mean: number;
  /** The population's mean, raw units. */
  populationMean: number;
  /** The segment's centroid on the standardised scale the clustering used. */
  deviation: number;
  level: 'high' | 'low' | 'typical';
}

/** The segment against the population, feature by feature, most distinctive first. */
export function profileSegment(matrix: FeatureMatrix, members: readonly number[], centroid: readonly number[], metadata: FeatureMetadata): ProfileEntry[] {
  const columnMean = (rows: readonly number[], j: number) => rows.reduce((sum, i) => sum + (matrix.raw[i]?.[j] ?? 0), 0) / Math.max(1, rows.length);
  const everyone = matrix.customerIds.map((_, i) => i);
  const entries = matrix.features.map((feature, j): ProfileEntry => {
    const deviation = centroid[j] ?? 0;
    const level = deviation >= NOTABLE_DEVIATION ? 'high' : deviation <= -NOTABLE_DEVIATION ? 'low' : 'typical';
    return { feature, label: metadata[feature]?.label ?? feature, mean: columnMean(members, j), populationMean: columnMean(everyone, j), deviation, level };
  });
  return entries.sort((p, q) => Math.abs(q.deviation) - Math.abs(p.deviation) || p.feature.localeCompare(q.feature));
}

/** Words for a segment from its most distinctive features' direction words, e.g. "frequent store buyers, high value, churn risk rising". */
export function describeProfile(profile: readonly ProfileEntry[], metadata: FeatureMetadata): string {
  const phrases = profile
    .filter((entry) => entry.level !== 'typical')
    .slice(0, DESCRIBED_FEATURES)
    .map((entry) => (entry.level === 'high' ? metadata[entry.feature]?.high : metadata[entry.feature]?.low) ?? `${entry.level} ${entry.label}`);
  return phrases.length > 0 ? phrases.join(', ') : 'typical customers, close to the average on every feature';
}
