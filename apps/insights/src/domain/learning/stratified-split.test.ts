import { stratifiedKFold, stratifiedSplit } from './stratified-split';

const labels = Array.from({ length: 103 }, (_, i) => (i % 4 === 0 ? 1 : 0));
const positives = (indices: number[]) => indices.filter((i) => labels[i] === 1).length;

describe('stratifiedSplit', () => {
  it('holds out the fraction of each class, disjoint from training and covering every row', () => {
    const { train, test } = stratifiedSplit(labels, 0.2, 42);
    expect(positives(test)).toBe(Math.round(26 * 0.2));
    expect(test.length - positives(test)).toBe(Math.round(77 * 0.2));
    expect(new Set([...train, ...test]).size).toBe(labels.length);
    expect(train.length + test.length).toBe(labels.length);
  });

  it('repeats for one seed and differs for another', () => {
    expect(stratifiedSplit(labels, 0.2, 42)).toEqual(stratifiedSplit(labels, 0.2, 42));
    expect(stratifiedSplit(labels, 0.2, 43).test).not.toEqual(stratifiedSplit(labels, 0.2, 42).test);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => stratifiedSplit(labels, 1, 1)).toThrow(RangeError);
  });
});

describe('stratifiedKFold', () => {
  it('puts every row in exactly one test fold, with positives spread evenly', () => {
    const folds = stratifiedKFold(labels, 5, 7);
    const tested = folds.flatMap((f) => f.test).sort((a, b) => a - b);
    expect(tested).toEqual(labels.map((_, i) => i));
    const counts = folds.map((f) => positives(f.test));
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const sizes = folds.map((f) => f.test.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    for (const fold of folds) {
      expect(fold.train.length + fold.test.length).toBe(labels.length);
      expect(fold.train.some((i) => fold.test.includes(i))).toBe(false);
    }
  });
});
