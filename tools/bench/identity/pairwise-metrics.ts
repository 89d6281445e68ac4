export interface PairwiseMetrics {
  truePairs: number;
  predictedPairs: number;
  correctPairs: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number) => (n * (n - 1)) / 2;

function countPairs(labels: Iterable<string>): number {
  const sizes = new Map<string, number>();
  for (const label of labels) sizes.set(label, (sizes.get(label) ?? 0) + 1);
  let total = 0;
  for (const n of sizes.values()) total += pairs(n);
  return total;
}

/**
 * Pairwise link quality: a pair of records is predicted linked when they resolved to one customer,
 * truly linked when they share an entity.
 */
export function pairwiseMetrics(records: readonly { entity: string; cluster: string }[]): PairwiseMetrics {
  const truePairs = countPairs(records.map((r) => r.entity));
  const predictedPairs = countPairs(records.map((r) => r.cluster));
  const correctPairs = countPairs(records.map((r) => `${r.cluster}\u0000${r.entity}`));
  const precision = predictedPairs === 0 ? 1 : correctPairs / predictedPairs;
  const recall = truePairs === 0 ? 1 : correctPairs / truePairs;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePairs, predictedPairs, correctPairs, precision, recall, f1 };
}
