import { assignMinimumCost } from './hungarian';
import { standardise, transformValue, type FeatureMatrix } from './feature-matrix';

/** What a run keeps of the previous one to carry its segment ids over. */
export interface PreviousSegmentation {
  segments: { id: string; centroid: Record<string, number> }[];
  /** The next free sequence number; derived from the previous ids when absent. */
  nextSequence?: number;
}

/**
 * Two centroids further apart than this (root-mean-square over features, in population standard
 * deviations) are different segments even when the assignment pairs them: a segment that moved that
 * far has changed meaning and gets a new id rather than an old one's.
 */
export const MAX_MATCH_DISTANCE = 1;

export interface SegmentIds {
  ids: string[];
  matched: boolean[];
  nextSequence: number;
}

/**
 * Ids for this run's segments: each takes the id of the previous segment it is paired with by a
 * minimum-distance assignment (Hungarian), when close enough; the others get new ids, in the order
 * given (callers pass segments largest first). Both runs' raw centroids are projected with this
 * run's scaling, so a shift of the population moves them alike.
 */
export function matchSegmentIds(
  centroids: readonly Record<string, number>[],
  matrix: FeatureMatrix,
  previous: PreviousSegmentation | undefined,
  maxDistance = MAX_MATCH_DISTANCE,
): SegmentIds {
  const before = previous?.segments ?? [];
  let nextSequence = previous?.nextSequence ?? 1 + Math.max(0, ...before.map((s) => Number(/(\d+)$/.exec(s.id)?.[1] ?? 0)));
  const project = (centroid: Record<string, number>) =>
    matrix.features.map((f, j) => {
      const value = centroid[f];
      return typeof value === 'number' && Number.isFinite(value)
        ? standardise(transformValue(value, matrix.scales[j] ?? 'linear'), matrix.means[j] ?? 0, matrix.sds[j] ?? 0)
        : 0;
    });
  const current = centroids.map(project);
  const earlier = before.map((s) => project(s.centroid));
  const cost = current.map((c) => earlier.map((e) => rmsDistance(c, e)));
  const pairing = earlier.length > 0 ? assignMinimumCost(cost) : current.map(() => -1);
  const matched = pairing.map((j, i) => j >= 0 && (cost[i]?.[j] ?? Infinity) <= maxDistance);
  const ids = pairing.map((j, i) => (matched[i] ? (before[j]?.id ?? '') : `seg-${nextSequence++}`));
  return { ids, matched, nextSequence };
}

function rmsDistance(p: readonly number[], q: readonly number[]): number {
  if (p.length === 0) return 0;
  let sum = 0;
  for (let d = 0; d < p.length; d += 1) sum += ((p[d] ?? 0) - (q[d] ?? 0)) ** 2;
  return Math.sqrt(sum / p.length);
}
