import { seededRandom } from '../seeded-random';

/** Indices of a seeded sample of at most `size` of `n` points (all of them, in order, when n ≤ size). */
export function sampleIndices(n: number, size: number, seed: number): number[] {
  const indices = Array.from({ length: n }, (_, i) => i);
  if (n <= size) return indices;
  const random = seededRandom(seed);
  for (let i = 0; i < size; i += 1) {
    const j = i + Math.floor(random() * (n - i));
    [indices[i], indices[j]] = [indices[j] ?? 0, indices[i] ?? 0];
  }
  return indices.slice(0, size).sort((p, q) => p - q);
}

/**
 * Mean silhouette (Rousseeuw 1987) of the given points with Euclidean distance: for each point,
 * (b − a) / max(a, b) with a the mean distance to its own cluster and b to the nearest other one;
 * 0 for a point alone in its cluster. Quadratic in the number of points, so callers pass a sample.
 */
export function meanSilhouette(points: readonly number[][], labels: readonly number[]): number {
  const k = labels.reduce((top, label) => Math.max(top, label), 0) + 1;
  if (k < 2 || points.length < 2) return 0;
  const counts = new Array<number>(k).fill(0);
  for (const label of labels) counts[label] = (counts[label] ?? 0) + 1;
  let total = 0;
  for (let i = 0; i < points.length; i += 1) {
    const sums = new Array<number>(k).fill(0);
    for (let j = 0; j < points.length; j += 1) {
      const label = labels[j] ?? 0;
      if (i !== j) sums[label] = (sums[label] ?? 0) + distance(points[i] ?? [], points[j] ?? []);
    }
    const own = labels[i] ?? 0;
    const ownCount = (counts[own] ?? 0) - 1;
    if (ownCount === 0) continue;
    const a = (sums[own] ?? 0) / ownCount;
    let b = Infinity;
    for (let c = 0; c < k; c += 1) if (c !== own && (counts[c] ?? 0) > 0) b = Math.min(b, (sums[c] ?? 0) / (counts[c] ?? 1));
    total += b === Infinity || Math.max(a, b) === 0 ? 0 : (b - a) / Math.max(a, b);
  }
  return total / points.length;
}

export function distance(p: readonly number[], q: readonly number[]): number {
  let sum = 0;
  for (let d = 0; d < p.length; d += 1) sum += ((p[d] ?? 0) - (q[d] ?? 0)) ** 2;
  return Math.sqrt(sum);
}
