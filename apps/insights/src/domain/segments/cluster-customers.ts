import { kmeans } from 'ml-kmeans';
import { describeProfile, profileSegment, type ProfileEntry } from './describe-segment';
import { buildFeatureMatrix, type CustomerFeatures, type FeatureMatrix, type FeatureMetadata } from './feature-matrix';
import { matchSegmentIds, MAX_MATCH_DISTANCE, type PreviousSegmentation } from './match-segments';
import { meanSilhouette, sampleIndices } from './silhouette';

export class SegmentationError extends Error {
  readonly code = 'INVALID_INPUT';
  constructor(message: string) {
    super(message);
    this.name = 'SegmentationError';
  }
}

export interface ClusterOptions {
  kMin?: number;
  kMax?: number;
  seed?: number;
  /** k-means runs per k from different k-means++ seeds; the one with the least within-cluster sum of squares is kept. */
  restarts?: number;
  /** The silhouette is quadratic in n, so it is measured on a seeded sample of this many customers. */
  silhouetteSample?: number;
  /** k-means is fitted on a seeded sample of at most this many customers; everyone is then assigned to the nearest centroid. */
  fitSample?: number;
  maxMatchDistance?: number;
}

export interface Segment {
  id: string;
  size: number;
  share: number;
  /** The segment's mean on each feature, raw units (what the next run matches ids against). */
  centroid: Record<string, number>;
  profile: ProfileEntry[];
  description: string;
}

export interface Segmentation {
  k: number;
  criterion: string;
  /** Mean silhouette of the chosen k on the sample; null when the customers could not be split. */
  silhouette: number | null;
  candidates: { k: number; silhouette: number }[];
  features: string[];
  segments: Segment[];
  assignments: { customerId: string; segmentId: string }[];
  nextSequence: number;
}

const DEFAULTS = { kMin: 2, kMax: 8, seed: 42, restarts: 4, silhouetteSample: 1000, fitSample: 20_000, maxMatchDistance: MAX_MATCH_DISTANCE };

/**
 * Segments customers by k-means (k-means++ starts, fixed seeds; fitted on a sample when there are
 * many customers, everyone then assigned to the nearest centroid) on standardised features, k chosen
 * by the largest mean silhouette over kMin..kMax (ties to the smaller k), each segment described in
 * words from the feature metadata and given the id of the previous run's segment it matches.
 */
export function clusterCustomers(
  rows: readonly CustomerFeatures[],
  featureMeta: FeatureMetadata,
  previous?: PreviousSegmentation,
  options: ClusterOptions = {},
): Segmentation {
  const o = { ...DEFAULTS, ...options };
  if (Object.keys(featureMeta).length === 0) throw new SegmentationError('segmentation needs at least one feature described in the metadata');
  if (rows.length === 0) throw new SegmentationError('segmentation needs at least one customer');
  if (!(o.kMin >= 2 && o.kMax >= o.kMin)) throw new SegmentationError('k range must satisfy 2 ≤ kMin ≤ kMax');
  const matrix = buildFeatureMatrix(rows, featureMeta);
  const kMax = Math.min(o.kMax, distinctCount(matrix.standardised));
  const sample = sampleIndices(matrix.standardised.length, o.silhouetteSample, o.seed);
  const fitRows = sampleIndices(matrix.standardised.length, o.fitSample, o.seed + 1).map((i) => matrix.standardised[i] ?? []);
  const candidates: { k: number; silhouette: number; labels: number[] }[] = [];
  for (let k = o.kMin; k <= kMax; k += 1) {
    const centroids = bestOfRestarts(fitRows, k, o.seed, o.restarts);
    const labels = compactLabels(matrix.standardised.map((point) => nearest(point, centroids)));
    candidates.push({
      k,
      labels,
      silhouette: meanSilhouette(
        sample.map((i) => matrix.standardised[i] ?? []),
        sample.map((i) => labels[i] ?? 0),
      ),
    });
  }
  const best = candidates.reduce<(typeof candidates)[number] | undefined>(
    (top, c) => (top === undefined || c.silhouette > top.silhouette ? c : top),
    undefined,
  );
  const labels = best?.labels ?? matrix.standardised.map(() => 0);
  const fitted = fitRows.length < matrix.customerIds.length ? `, k-means fitted on ${fitRows.length} of them` : '';
  const criterion = best
    ? `largest mean silhouette over k=${o.kMin}..${kMax}, on ${sample.length} of ${matrix.customerIds.length} customers (seed ${o.seed})${fitted}`
    : `one segment: fewer than ${o.kMin} distinct customers`;
  return {
    ...buildSegments(matrix, labels, featureMeta, previous, o.maxMatchDistance),
    k: new Set(labels).size,
    criterion,
    silhouette: best?.silhouette ?? null,
    candidates: candidates.map(({ k, silhouette }) => ({ k, silhouette })),
    features: matrix.features,
  };
}

/** Centroids of the restart with the least within-cluster sum of squares. */
function bestOfRestarts(points: number[][], k: number, seed: number, restarts: number): number[][] {
  let best: { centroids: number[][]; inertia: number } | undefined;
  for (let r = 0; r < restarts; r += 1) {
    const result = kmeans(points, k, { initialization: 'kmeans++', seed: seed + r, maxIterations: 300 });
    const inertia = points.reduce((sum, p, i) => sum + squaredDistance(p, result.centroids[result.clusters[i] ?? 0] ?? []), 0);
    if (!best || inertia < best.inertia) best = { centroids: result.centroids, inertia };
  }
  return best?.centroids ?? [];
}

function nearest(point: readonly number[], centroids: readonly number[][]): number {
  let best = 0;
  let bestDistance = Infinity;
  centroids.forEach((centroid, c) => {
    const d = squaredDistance(point, centroid);
    if (d < bestDistance) [best, bestDistance] = [c, d];
  });
  return best;
}

function buildSegments(
  matrix: FeatureMatrix,
  labels: readonly number[],
  featureMeta: FeatureMetadata,
  previous: PreviousSegmentation | undefined,
  maxMatchDistance: number,
): Pick<Segmentation, 'segments' | 'assignments' | 'nextSequence'> {
  const k = labels.reduce((top, label) => Math.max(top, label), 0) + 1;
  const members = Array.from({ length: k }, () => [] as number[]);
  labels.forEach((label, i) => members[label]?.push(i));
  // Largest first, so new ids are handed out in a stable order.
  const order = members.map((m, label) => ({ label, m })).sort((p, q) => q.m.length - p.m.length || (p.m[0] ?? 0) - (q.m[0] ?? 0));
  const centroids = order.map(({ m }) =>
    Object.fromEntries(matrix.features.map((f, j) => [f, m.reduce((s, i) => s + (matrix.raw[i]?.[j] ?? 0), 0) / m.length])),
  );
  const { ids, nextSequence } = matchSegmentIds(centroids, matrix, previous, maxMatchDistance);
  const idOfLabel = new Map(order.map(({ label }, n) => [label, ids[n] ?? '']));
  const segments = order.map(({ m }, n): Segment => {
    const standardisedCentroid = matrix.features.map((_, j) => m.reduce((s, i) => s + (matrix.standardised[i]?.[j] ?? 0), 0) / m.length);
    const profile = profileSegment(matrix, m, standardisedCentroid, featureMeta);
    return {
      id: ids[n] ?? '',
      size: m.length,
      share: m.length / labels.length,
      centroid: centroids[n] ?? {},
      profile,
      description: describeProfile(profile, featureMeta),
    };
  });
  const assignments = matrix.customerIds.map((customerId, i) => ({ customerId, segmentId: idOfLabel.get(labels[i] ?? 0) ?? '' }));
  return { segments, assignments, nextSequence };
}

function compactLabels(labels: readonly number[]): number[] {
  const renumber = new Map<number, number>();
  return labels.map((label) => {
    if (!renumber.has(label)) renumber.set(label, renumber.size);
    return renumber.get(label) ?? 0;
  });
}

function distinctCount(points: readonly number[][]): number {
  return new Set(points.map((p) => p.join(','))).size;
}

function squaredDistance(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let d = 0; d < p.length; d += 1) sum += ((p[d] ?? 0) - (q[d] ?? 0)) ** 2;
  return sum;
}
