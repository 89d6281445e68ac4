import type { PersonTraits } from '@c360/contracts';
import { blockingKeys } from '../domain/blocking';
import { comparisonVector, type MatchModel } from '../domain/comparison-model';

/**
 * Comparison vectors of every pair of records sharing a blocking key, labels unseen: the sample EM
 * learns weights from, as it would from a slice of production records.
 */
export function blockedPairVectors(model: MatchModel, records: readonly PersonTraits[], maxBlock = 300): (number | null)[][] {
  const blocks = new Map<string, number[]>();
  records.forEach((traits, i) => {
    for (const key of blockingKeys(traits)) blocks.set(key, [...(blocks.get(key) ?? []), i]);
  });
  const seen = new Set<string>();
  const vectors: (number | null)[][] = [];
  for (const members of blocks.values()) {
    const block = members.slice(0, maxBlock);
    for (let a = 0; a < block.length; a++) {
      for (let b = a + 1; b < block.length; b++) {
        const pair = `${block[a]}:${block[b]}`;
        if (seen.has(pair)) continue;
        seen.add(pair);
        vectors.push(comparisonVector(model, records[block[a]!]!, records[block[b]!]!));
      }
    }
  }
  return vectors;
}
