import type { PersonTraits } from '@c360/contracts';
import { blockingKeys, comparisonVector, type MatchModel } from './identity-graph.imports';

/** Comparison vectors of pairs drawn at random (seeded, so a run can be repeated). */
export function randomPairVectors(model: MatchModel, records: readonly PersonTraits[], count: number): (number | null)[][] {
  let seed = 7;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) % Math.max(1, records.length);
  const vectors: (number | null)[][] = [];
  for (let i = 0; i < count && records.length > 1; i++) {
    const [x, y] = [records[next()], records[next()]];
    if (x && y && x !== y) vectors.push(comparisonVector(model, x, y));
  }
  return vectors;
}

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
    block.forEach((a, position) => {
      for (const b of block.slice(position + 1)) {
        const [x, y] = [records[a], records[b]];
        if (!x || !y || seen.has(`${a}:${b}`)) continue;
        seen.add(`${a}:${b}`);
        vectors.push(comparisonVector(model, x, y));
      }
    });
  }
  return vectors;
}
