import { rocAuc } from './classification-metrics';
import { fitGbt, gbtMargin } from './gradient-boosting';
import { fitLogistic, logisticMargin, sigmoid } from './logistic-regression';
import { seededRandom } from '../seeded-random';

const column = (values: number[]) => values.map((v) => Float64Array.of(v));
// One binary feature: 1 positive of 4 where x = 0, 3 of 4 where x = 1 (log-loss optimum: rates 0.25 and 0.75).
const x = column([0, 0, 0, 0, 1, 1, 1, 1]);
const y = [1, 0, 0, 0, 1, 1, 1, 0];
const exact = { maxDepth: 1, minLeafSize: 1, subsample: 1, validationFraction: 0 };

describe('fitGbt', () => {
  it('takes one Newton step per leaf: −G / (H + λ) from the base rate', () => {
    // From p = 0.5: left G = 4·0.5 − 1 = 1, H = 4·0.25 = 1; right G = −1, H = 1.
    const noPenalty = fitGbt(x, y, { ...exact, l2: 0, learningRate: 1, maxRounds: 1 });
    expect(noPenalty.baseMargin).toBeCloseTo(0, 12);
    expect(gbtMargin(noPenalty, Float64Array.of(0))).toBeCloseTo(-1, 12);
    expect(gbtMargin(noPenalty, Float64Array.of(1))).toBeCloseTo(1, 12);
    const penalised = fitGbt(x, y, { ...exact, l2: 1, learningRate: 0.3, maxRounds: 1 });
    expect(gbtMargin(penalised, Float64Array.of(0))).toBeCloseTo(0.3 * (-1 / 2), 12);
  });

  it('converges to the log-loss optimum over rounds', () => {
    const model = fitGbt(x, y, { ...exact, l2: 0, learningRate: 0.5, maxRounds: 60 });
    expect(sigmoid(gbtMargin(model, Float64Array.of(0)))).toBeCloseTo(0.25, 6);
    expect(sigmoid(gbtMargin(model, Float64Array.of(1)))).toBeCloseTo(0.75, 6);
  });

  it('learns an interaction a linear model cannot', () => {
    const random = seededRandom(3);
    const rows = Array.from({ length: 800 }, () => Float64Array.of(random(), random(), random()));
    const labels = rows.map((r) => (r[0]! > 0.5 !== r[1]! > 0.5 ? 1 : 0));
    const train = rows.slice(0, 600);
    const test = rows.slice(600);
    const gbt = fitGbt(train, labels.slice(0, 600), { seed: 1 });
    const linear = fitLogistic(train, labels.slice(0, 600));
    const testLabels = labels.slice(600);
    expect(
      rocAuc(
        testLabels,
        test.map((r) => gbtMargin(gbt, r)),
      ),
    ).toBeGreaterThan(0.95);
    expect(
      rocAuc(
        testLabels,
        test.map((r) => logisticMargin(linear, r)),
      ),
    ).toBeLessThan(0.65);
  });

  it('stops early at the round with the lowest validation loss', () => {
    const random = seededRandom(9);
    const rows = Array.from({ length: 500 }, () => Float64Array.of(random(), random()));
    const labels = rows.map((r) => (random() < 0.2 + 0.6 * r[0]! ? 1 : 0));
    const model = fitGbt(rows, labels, { learningRate: 0.3, maxRounds: 400, earlyStoppingRounds: 10, seed: 2 });
    const losses = model.validationLoss;
    expect(losses.length).toBeLessThan(400);
    expect(model.trees).toHaveLength(losses.indexOf(Math.min(...losses)) + 1);
    expect(losses.length).toBe(model.trees.length + 10);
  });

  it('repeats exactly for one seed and serialises as JSON', () => {
    const random = seededRandom(4);
    const rows = Array.from({ length: 300 }, () => Float64Array.of(random(), random()));
    const labels = rows.map((r) => (r[0]! + 0.3 * random() > 0.6 ? 1 : 0));
    const a = fitGbt(rows, labels, { seed: 8 });
    expect(fitGbt(rows, labels, { seed: 8 })).toEqual(a);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('rejects more bins than a byte holds', () => {
    expect(() => fitGbt(x, y, { maxBins: 300 })).toThrow(RangeError);
  });
});

describe('fitGbt on a small table', () => {
  it('trains a bounded number of rounds when too few rows of a class are left to stop on', () => {
    const random = seededRandom(12);
    const rows = Array.from({ length: 60 }, () => Float64Array.of(random()));
    const labels = rows.map((r, i) => (i < 15 ? 1 : r[0]! > 0.9 ? 1 : 0));
    const model = fitGbt(rows, labels, { minLeafSize: 2 });
    expect(model.validationLoss).toEqual([]);
    expect(model.trees.length).toBe(100);
  });
});

describe('fitGbt options', () => {
  it('keeps the default for an option passed as undefined', () => {
    const random = seededRandom(6);
    const rows = Array.from({ length: 400 }, () => Float64Array.of(random(), random()));
    const labels = rows.map((r) => (r[0]! + random() > 1 ? 1 : 0));
    const options = { maxRounds: 5, subsample: 0.5 };
    expect(fitGbt(rows, labels, { ...options, seed: undefined })).toEqual(fitGbt(rows, labels, { ...options, seed: 0 }));
    expect(fitGbt(rows, labels, { ...options, seed: 1 })).not.toEqual(fitGbt(rows, labels, { ...options, seed: 0 }));
  });

  it('rejects leaves of no rows and a learning rate of zero', () => {
    expect(() => fitGbt(x, y, { minLeafSize: 0 })).toThrow(RangeError);
    expect(() => fitGbt(x, y, { learningRate: 0 })).toThrow(RangeError);
  });
});
