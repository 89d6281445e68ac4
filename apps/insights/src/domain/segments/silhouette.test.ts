import { meanSilhouette, sampleIndices } from './silhouette';

describe('meanSilhouette', () => {
  it('matches a value worked by hand', () => {
    // Points 0 and 11: a = 1, b = 10.5; points 1 and 10: a = 1, b = 9.5.
    const expected = ((9.5 / 10.5) * 2 + (8.5 / 9.5) * 2) / 4;
    expect(meanSilhouette([[0], [1], [10], [11]], [0, 0, 1, 1])).toBeCloseTo(expected, 12);
  });

  it('is negative for a labelling against the structure, 0 with one cluster or singletons', () => {
    expect(meanSilhouette([[0], [10], [1], [11]], [0, 0, 1, 1])).toBeLessThan(0);
    expect(meanSilhouette([[0], [1]], [0, 0])).toBe(0);
    expect(meanSilhouette([[0], [5]], [0, 1])).toBe(0);
  });
});

describe('sampleIndices', () => {
  it('takes everything when the population is small, a repeatable sorted sample of distinct indices otherwise', () => {
    expect(sampleIndices(4, 10, 1)).toEqual([0, 1, 2, 3]);
    const sample = sampleIndices(1000, 50, 7);
    expect(new Set(sample).size).toBe(50);
    expect(sample).toEqual([...sample].sort((p, q) => p - q));
    expect(sampleIndices(1000, 50, 7)).toEqual(sample);
    expect(sampleIndices(1000, 50, 8)).not.toEqual(sample);
  });
});
