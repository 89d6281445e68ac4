import { averagePrecision, brierScore, calibrationByDecile, liftTopDecile, logLoss, rocAuc } from './classification-metrics';

describe('rocAuc', () => {
  it('is the share of positive/negative pairs ranked right, ties counting one half', () => {
    // Pairs (pos, neg): 0.8 beats 0.3 and 0.5 ties 0.5 → (1 + 1 + 0.5 + 1) / 4 = 0.875 for positives {0.8, 0.5}, negatives {0.5, 0.3}.
    expect(rocAuc([1, 1, 0, 0], [0.8, 0.5, 0.5, 0.3])).toBeCloseTo(0.875, 12);
  });

  it('is 1 for a perfect ranking, 0 for a reversed one and 0.5 when every score is equal', () => {
    expect(rocAuc([0, 0, 1, 1], [0.1, 0.2, 0.3, 0.4])).toBe(1);
    expect(rocAuc([1, 1, 0, 0], [0.1, 0.2, 0.3, 0.4])).toBe(0);
    expect(rocAuc([1, 0, 1, 0, 0], [0.5, 0.5, 0.5, 0.5, 0.5])).toBe(0.5);
  });

  it('is undefined (NaN) with one class', () => {
    expect(rocAuc([1, 1], [0.2, 0.9])).toBeNaN();
  });

  it('depends on order only', () => {
    const labels = [1, 0, 1, 0, 0, 1, 0];
    const scores = [0.9, 0.4, 0.35, 0.8, 0.1, 0.6, 0.3];
    expect(rocAuc(labels, scores)).toBeCloseTo(
      rocAuc(
        labels,
        scores.map((s) => Math.log(s)),
      ),
      12,
    );
  });
});

describe('averagePrecision', () => {
  it('sums precision at each recall step', () => {
    // Ranked: 1 (P 1/1, R 1/2), 0, 1 (P 2/3, R 2/2), 0 → AP = 0.5·1 + 0.5·2/3.
    expect(averagePrecision([1, 0, 1, 0], [0.9, 0.8, 0.7, 0.1])).toBeCloseTo(0.5 + 1 / 3, 12);
  });

  it('takes tied scores together', () => {
    // One threshold holding all four rows: recall 1 at precision 2/4.
    expect(averagePrecision([1, 0, 1, 0], [0.5, 0.5, 0.5, 0.5])).toBeCloseTo(0.5, 12);
    // 0.9 alone (P 1, R 1/2), then the tie {0.4, 0.4} (P 2/3, R 1).
    expect(averagePrecision([1, 1, 0], [0.9, 0.4, 0.4])).toBeCloseTo(0.5 + 0.5 * (2 / 3), 12);
  });
});

describe('brierScore and logLoss', () => {
  it('are the mean squared error and mean negative log-likelihood', () => {
    expect(brierScore([1, 0], [0.8, 0.4])).toBeCloseTo((0.04 + 0.16) / 2, 12);
    expect(logLoss([1, 0], [0.8, 0.4])).toBeCloseTo(-(Math.log(0.8) + Math.log(0.6)) / 2, 12);
  });

  it('log-loss stays finite for a confident miss', () => {
    expect(Number.isFinite(logLoss([1], [0]))).toBe(true);
  });
});

describe('calibrationByDecile', () => {
  it('cuts sorted predictions into ten equal groups', () => {
    const probabilities = Array.from({ length: 20 }, (_, i) => (i + 0.5) / 20);
    const labels = probabilities.map((_, i) => (i % 2 === 0 ? 1 : 0));
    const bins = calibrationByDecile(labels, probabilities);
    expect(bins).toHaveLength(10);
    expect(bins.map((b) => b.count)).toEqual(new Array(10).fill(2));
    expect(bins[0]!.meanPredicted).toBeCloseTo((0.025 + 0.075) / 2, 12);
    expect(bins[9]!.meanPredicted).toBeCloseTo((0.925 + 0.975) / 2, 12);
    expect(bins.every((b) => b.observedRate === 0.5)).toBe(true);
  });

  it('spreads a remainder over the first groups and drops empty ones', () => {
    expect(
      calibrationByDecile(
        [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0],
        new Array(12).fill(0).map((_, i) => i / 12),
      ).map((b) => b.count),
    ).toEqual([2, 2, 1, 1, 1, 1, 1, 1, 1, 1]);
    expect(calibrationByDecile([1, 0, 1], [0.1, 0.2, 0.3])).toHaveLength(3);
  });
});

describe('liftTopDecile', () => {
  it('is the positive rate of the top tenth over the base rate', () => {
    // 20 rows, 5 positives (rate 0.25); the top 2 by score are one positive and one negative → 0.5 / 0.25 = 2.
    const labels = [1, 0, ...new Array(18).fill(0)];
    [4, 7, 9, 11].forEach((i) => (labels[i] = 1));
    const scores = labels.map((_, i) => 1 - i / 20);
    expect(liftTopDecile(labels, scores)).toBeCloseTo(2, 12);
  });
});
