import { seededRandom, shuffled } from '../seeded-random';

export interface Split {
  train: number[];
  test: number[];
}

function indicesByClass(labels: readonly number[]): [number[], number[]] {
  const negatives: number[] = [];
  const positives: number[] = [];
  labels.forEach((y, i) => (y === 1 ? positives : negatives).push(i));
  return [negatives, positives];
}

/**
 * Holds out `testFraction` of each class (rounded per class), so both parts keep the positive rate.
 * Indices come back in ascending order so callers can slice rows without reordering them.
 */
export function stratifiedSplit(labels: readonly number[], testFraction: number, seed: number): Split {
  if (!(testFraction > 0 && testFraction < 1)) throw new RangeError(`testFraction must be in (0, 1), got ${testFraction}`);
  const random = seededRandom(seed);
  const train: number[] = [];
  const test: number[] = [];
  for (const members of indicesByClass(labels)) {
    const order = shuffled(members, random);
    const nTest = Math.round(order.length * testFraction);
    test.push(...order.slice(0, nTest));
    train.push(...order.slice(nTest));
  }
  return { train: train.sort((a, b) => a - b), test: test.sort((a, b) => a - b) };
}

/**
 * k stratified folds: each class is shuffled and dealt round-robin, so fold sizes and positive counts differ
 * by at most one. Each fold's `test` is disjoint from the others and together they cover every index once.
 */
export function stratifiedKFold(labels: readonly number[], k: number, seed: number): Split[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`k must be an integer of at least 2, got ${k}`);
  const random = seededRandom(seed);
  const folds: number[][] = Array.from({ length: k }, () => []);
  let next = 0;
  for (const members of indicesByClass(labels)) {
    for (const index of shuffled(members, random)) {
      (folds[next % k] as number[]).push(index);
      next++;
    }
  }
  return folds.map((fold, f) => {
    const test = [...fold].sort((a, b) => a - b);
    const train = folds.flatMap((other, g) => (g === f ? [] : other)).sort((a, b) => a - b);
    return { train, test };
  });
}
