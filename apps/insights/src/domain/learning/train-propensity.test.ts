import { rocAuc } from './classification-metrics';
import { LearningError } from './learning-error';
import { describeContribution, fitPropensityModel, scorePropensity, type PropensityModel } from './propensity-model';
import { seededRandom } from '../seeded-random';
import { classBalanceOf, trainPropensityModel } from './train-propensity';

/**
 * A customer table with a known signal: risk rises with a month-to-month plan and falls with tenure, plus
 * columns a learner must leave out (an id, a constant, a row number, e-mails) and messy cells.
 */
function customerTable(n: number, seed: number): { rows: Array<Record<string, string>>; trueMargins: number[] } {
  const random = seededRandom(seed);
  const trueMargins: number[] = [];
  const rows = Array.from({ length: n }, (_, i) => {
    const plan = random() < 0.5 ? 'monthly' : random() < 0.7 ? 'yearly' : 'two-year';
    const tenure = Math.floor(random() * 72);
    const region = ['north', 'south', 'east', 'west'][Math.floor(random() * 4)] as string;
    const margin = -1 + (plan === 'monthly' ? 1.5 : plan === 'yearly' ? 0 : -1) - 0.04 * tenure + (tenure > 40 && plan === 'monthly' ? 1 : 0);
    trueMargins.push(margin);
    return {
      account: `acct-${(i * 7919) % 100003}`,
      plan: random() < 0.02 ? 'legacy' : plan,
      tenure: random() < 0.05 ? ' ' : ` ${tenure}`,
      region,
      brand: 'same for all',
      rowNumber: String(i + 1),
      email: `c${i}@example.org`,
      left: random() < 1 / (1 + Math.exp(-margin)) ? 'yes' : 'no',
    };
  });
  return { rows, trueMargins };
}

const { rows, trueMargins } = customerTable(1200, 1);
const target = { target: 'left', positive: 'yes', idColumn: 'account' };

describe('trainPropensityModel', () => {
  const gbt = trainPropensityModel(rows, { ...target, model: 'gbt', cvFolds: 3 });

  it('uses only generalisable columns, whatever they are called', () => {
    expect(gbt.model.encoding.columns.map((c) => `${c.name}:${c.kind}`)).toEqual(['plan:categorical', 'tenure:numeric', 'region:categorical']);
    expect(gbt.model.encoding.excluded).toEqual(
      expect.arrayContaining([
        { name: 'account', reason: 'id' },
        { name: 'brand', reason: 'constant' },
        { name: 'rowNumber', reason: 'identifier-like' },
        { name: 'email', reason: 'identifier-like' },
        { name: 'left', reason: 'target' },
      ]),
    );
  });

  it('reports class balance, the split and hold-out metrics that show the signal', () => {
    const positives = rows.filter((r) => r.left === 'yes').length;
    expect(gbt.classBalance).toMatchObject({ rows: 1200, positives, negatives: 1200 - positives, rowsWithoutTarget: 0 });
    expect(gbt.split).toMatchObject({ seed: 42, trainRows: 960, holdoutRows: 240 });
    expect(gbt.metrics.count).toBe(240);
    // Within reach of the AUC of the generator's own margins on the same hold-out rows.
    const holdout = gbt.split.holdoutIndices;
    const oracle = rocAuc(
      holdout.map((i) => (rows[i]!.left === 'yes' ? 1 : 0)),
      holdout.map((i) => trueMargins[i]!),
    );
    expect(gbt.metrics.rocAuc).toBeGreaterThan(oracle - 0.04);
    expect(gbt.crossValidation?.byLearner[0]?.foldRocAuc).toHaveLength(3);
    expect(gbt.importance.map((i) => i.feature).slice(0, 2)).toEqual(expect.arrayContaining(['plan', 'tenure']));
    expect(gbt.importance.reduce((sum, i) => sum + i.share, 0)).toBeCloseTo(1, 9);
  });

  it('returns a result that survives a JSON round trip (no NaN, Infinity or class instances)', () => {
    expect(JSON.parse(JSON.stringify(gbt))).toEqual(gbt);
  });

  it('chooses the learner with the better cross-validated AUC on the training part', () => {
    const auto = trainPropensityModel(rows, { ...target, model: 'auto', cvFolds: 3, gbt: { learningRate: 0.1 } });
    const [a, b] = auto.crossValidation!.byLearner;
    expect(auto.crossValidation!.byLearner.map((r) => r.learner)).toEqual(['logistic', 'gbt']);
    expect(auto.learner).toBe(b!.meanRocAuc > a!.meanRocAuc ? 'gbt' : 'logistic');
    expect(auto.model.learner).toBe(auto.learner);
  });

  it('keeps rows without a target out of both parts', () => {
    const withBlanks = rows.map((r, i) => (i % 50 === 0 ? { ...r, left: '' } : r));
    const result = trainPropensityModel(withBlanks, { ...target, model: 'logistic', cvFolds: 0 });
    expect(result.classBalance.rowsWithoutTarget).toBe(24);
    expect(result.split.trainRows + result.split.holdoutRows).toBe(1176);
    expect(result.split.holdoutIndices.some((i) => i % 50 === 0)).toBe(false);
    expect(result.crossValidation).toBeNull();
  });

  it('names the fault in bad input', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return err instanceof LearningError ? err.code : 'other';
      }
      return 'none';
    };
    expect(code(() => trainPropensityModel([], target))).toBe('NO_ROWS');
    expect(code(() => trainPropensityModel(rows, { ...target, target: 'nope' }))).toBe('UNKNOWN_COLUMN');
    expect(code(() => trainPropensityModel(rows, { ...target, positive: 'maybe' }))).toBe('ONE_CLASS');
    expect(code(() => trainPropensityModel(rows.slice(0, 12), target))).toBe('TOO_FEW_ROWS');
    expect(code(() => trainPropensityModel(rows, { ...target, holdoutFraction: 1 }))).toBe('BAD_OPTION');
    const onlyIds = rows.map((r) => ({ account: r.account, left: r.left }));
    expect(code(() => trainPropensityModel(onlyIds, { ...target, cvFolds: 0 }))).toBe('NO_FEATURES');
  });
});

describe('trainPropensityModel on a high-cardinality column', () => {
  it('learns from levels too rare for one-hot through their out-of-fold outcome rates', () => {
    // 150 shops of 12 customers each, below the one-hot minimum set here; half of them lose most customers.
    const random = seededRandom(17);
    const table = Array.from({ length: 1800 }, (_, i) => {
      const shop = i % 150;
      return { shop: `shop-${shop}`, left: random() < (shop % 2 === 0 ? 0.6 : 0.15) ? 'yes' : 'no' };
    });
    const result = trainPropensityModel(table, { target: 'left', positive: 'yes', model: 'logistic', cvFolds: 0, encoder: { minLevelCount: 50 } });
    expect(result.model.encoding.features.map((f) => f.label)).toEqual(['shop = (other)', 'shop (outcome rate)']);
    expect(result.metrics.rocAuc).toBeGreaterThan(0.65);
    const risky = scorePropensity(result.model, { shop: 'shop-0' });
    expect(risky.contributions[0]).toMatchObject({ feature: 'shop', value: 'shop-0' });
    expect(risky.contributions[0]!.contribution).toBeGreaterThan(0);
  });
});

describe('scorePropensity', () => {
  const models: PropensityModel[] = [
    fitPropensityModel(rows, { ...target, learner: 'logistic' }),
    fitPropensityModel(rows, { ...target, learner: 'gbt', seed: 3 }),
  ];
  const customer = { account: 'new', plan: 'monthly', tenure: ' 2', region: 'atlantis', email: 'x@example.org' };

  it.each(models.map((m) => [m.learner, m] as const))('%s: contributions per source column add up to the margin', (_, model) => {
    const score = scorePropensity(model, customer);
    expect(score.contributions.map((c) => c.feature).sort()).toEqual(['plan', 'region', 'tenure']);
    expect(score.contributions.reduce((sum, c) => sum + c.contribution, score.baseValue)).toBeCloseTo(score.margin, 9);
    expect(score.probability).toBeCloseTo(1 / (1 + Math.exp(-score.margin)), 12);
    const plan = score.contributions.find((c) => c.feature === 'plan')!;
    expect(plan).toMatchObject({ value: 'monthly' });
    expect(plan.contribution).toBeGreaterThan(0);
    expect(describeContribution(plan, 'churn risk')).toBe('plan = monthly raised the churn risk');
  });

  it.each(models.map((m) => [m.learner, m] as const))('%s: scores a stored copy exactly as the original', (_, model) => {
    const stored = JSON.parse(JSON.stringify(model)) as PropensityModel;
    expect(scorePropensity(stored, customer)).toEqual(scorePropensity(model, customer));
  });

  it('reads a long-tenure two-year customer as lower risk than a new monthly one', () => {
    for (const model of models) {
      const loyal = scorePropensity(model, { plan: 'two-year', tenure: '70', region: 'north' });
      expect(loyal.probability).toBeLessThan(scorePropensity(model, customer).probability);
      expect(
        describeContribution(
          loyal.contributions.find((c) => c.feature === 'tenure')!,
          'churn risk',
        ),
      ).toBe('tenure = 70 lowered the churn risk');
    }
  });
});

describe('classBalanceOf', () => {
  it('counts classes and the imbalance ratio', () => {
    expect(classBalanceOf([1, 0, 0, 0, null])).toEqual({ rows: 4, positives: 1, negatives: 3, positiveRate: 0.25, imbalanceRatio: 3, rowsWithoutTarget: 1 });
  });
});
