import { rocAuc } from './classification-metrics';
import { seededRandom } from '../seeded-random';
import { fitTargetRates, outOfFoldTargetRates, TARGET_RATE_SMOOTHING, targetRateOf } from './target-statistics';
import { encodeRow, encodeTrainingRows, fitTabularEncoding } from './tabular-encoder';

describe('fitTargetRates', () => {
  it('blends each level with the prior by the smoothing weight', () => {
    const stats = fitTargetRates(['a', 'a', 'b', ''], [1, 0, 1, 1]);
    const prior = 3 / 4;
    const m = TARGET_RATE_SMOOTHING;
    expect(stats.prior).toBe(prior);
    expect(targetRateOf(stats, ' a ')).toBeCloseTo((1 + m * prior) / (2 + m), 12);
    expect(targetRateOf(stats, 'b')).toBeCloseTo((1 + m * prior) / (1 + m), 12);
    expect(targetRateOf(stats, null)).toBeCloseTo((1 + m * prior) / (1 + m), 12);
    expect(targetRateOf(stats, 'never seen')).toBe(prior);
    expect(JSON.parse(JSON.stringify(stats))).toEqual(stats);
  });
});

describe('out-of-fold outcome rates', () => {
  // 100 levels of 3 rows each and labels that are pure noise: a level's in-sample rate still "predicts" its rows.
  const random = seededRandom(21);
  const values = Array.from({ length: 300 }, (_, i) => `level-${i % 100}`);
  const labels = values.map(() => (random() < 0.4 ? 1 : 0));

  it('carry no row its own label, so noise stays noise', () => {
    const inSample = fitTargetRates(values, labels);
    expect(
      rocAuc(
        labels,
        values.map((v) => targetRateOf(inSample, v)),
      ),
    ).toBeGreaterThan(0.7);
    expect(rocAuc(labels, Array.from(outOfFoldTargetRates(values, labels, 5, 1)))).toBeLessThan(0.6);
  });

  it('are added for a column with more levels than one-hot keeps, out-of-fold in training and in full when scoring', () => {
    const rows = values.map((v, i) => ({ shop: v, y: String(labels[i]) }));
    const encoding = fitTabularEncoding(rows, { target: 'y' }, labels);
    const rate = encoding.features.findIndex((f) => f.kind === 'outcome-rate');
    expect(encoding.features[rate]?.label).toBe('shop (outcome rate)');
    const training = encodeTrainingRows(encoding, rows, labels, 1);
    const outOfFold = outOfFoldTargetRates(values, labels, 5, 1);
    training.forEach((x, i) => expect(x[rate]).toBe(outOfFold[i]));
    const column = encoding.columns[0]!;
    const stats = column.kind === 'categorical' ? column.targetRates! : null;
    expect(encodeRow(encoding, rows[0]!)[rate]).toBe(targetRateOf(stats!, 'level-0'));
  });

  it('are left out when labels are not given or levels fit in one-hot', () => {
    const rows = values.map((v) => ({ shop: v }));
    expect(fitTabularEncoding(rows, { target: 'y' }).features.some((f) => f.kind === 'outcome-rate')).toBe(false);
    const few = values.map((_, i) => ({ shop: `level-${i % 4}` }));
    expect(fitTabularEncoding(few, { target: 'y' }, labels).features.some((f) => f.kind === 'outcome-rate')).toBe(false);
  });
});
