import { binOf, fitCuts } from './histogram-binning';
import { seededRandom } from '../seeded-random';

describe('fitCuts', () => {
  it('cuts a binary feature once, between its two values', () => {
    expect(fitCuts(Float64Array.from([0, 1, 0, 0, 1, 0, 0, 0]), 64)).toEqual([0.5]);
  });

  it('gives at most maxBins bins of near-equal count on continuous values', () => {
    const random = seededRandom(1);
    const values = Float64Array.from({ length: 1000 }, () => random() * 100);
    const cuts = fitCuts(values, 10);
    expect(cuts).toHaveLength(9);
    const counts = new Array<number>(10).fill(0);
    values.forEach((v) => counts[binOf(cuts, v)]!++);
    expect(counts.every((c) => c === 100)).toBe(true);
  });

  it('never cuts inside a run of equal values', () => {
    const values = Float64Array.from([...new Array(90).fill(3), 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const cuts = fitCuts(values, 4);
    expect(cuts[0]).toBe(3.5);
    expect(cuts.every((c, i) => i === 0 || c > cuts[i - 1]!)).toBe(true);
  });
});

describe('binOf', () => {
  it('agrees with the raw threshold: bin <= b exactly when value <= cuts[b]', () => {
    const cuts = [1, 2.5, 4];
    for (const value of [-3, 1, 1.0001, 2.5, 3, 4, 4.1, 99]) {
      cuts.forEach((cut, b) => expect(binOf(cuts, value) <= b).toBe(value <= cut));
    }
  });
});
