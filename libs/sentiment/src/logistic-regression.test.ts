import { fitLogistic, predictProbability, type SparseRow } from './logistic-regression';

// A small dense problem, written as sparse rows; the expected coefficients are scikit-learn 1.x's
// LogisticRegression(C, tol=1e-10) on the same data, the objective this learner minimises.
const X = [
  [1, 0, 2],
  [0, 1, 1],
  [2, 1, 0],
  [0, 0, 1],
  [1, 2, 0],
  [3, 0, 1],
  [0, 2, 2],
  [1, 1, 1],
];
const y = [1, 0, 1, 0, 0, 1, 0, 1];
const rows: SparseRow[] = X.map((r) => ({ indices: r.flatMap((v, i) => (v === 0 ? [] : [i])), values: r.filter((v) => v !== 0) }));

describe('fitLogistic', () => {
  it.each([
    { c: 1, weights: [1.1627336423011023, -0.534129347011152, 0.19518695998848282], intercept: -0.782854973165859 },
    { c: 0.1, weights: [0.24609259437193018, -0.12300798671597428, 0.008279832490875343], intercept: -0.14520128793415601 },
  ])('matches scikit-learn with C=$c', ({ c, weights, intercept }) => {
    const fit = fitLogistic(rows, y, 3, { c, tolerance: 1e-9 });
    expect(fit.converged).toBe(true);
    fit.weights.forEach((w, i) => expect(w).toBeCloseTo(weights[i]!, 5));
    expect(fit.intercept).toBeCloseTo(intercept, 5);
  });

  it('shrinks weights towards zero as C falls, and leaves the intercept unpenalised', () => {
    const strong = fitLogistic(rows, y, 3, { c: 1e-4 });
    expect(Math.max(...strong.weights.map(Math.abs))).toBeLessThan(1e-3);
    // With weights ~0 the intercept is the log-odds of the base rate (4 of 8): 0.
    expect(strong.intercept).toBeCloseTo(0, 3);
    const skewed = fitLogistic(rows, [1, 1, 1, 1, 1, 1, 0, 1], 3, { c: 1e-4 });
    expect(skewed.intercept).toBeCloseTo(Math.log(7), 2);
  });

  it('on separable data, grows more confident as the penalty weakens, the weights staying finite', () => {
    const sep: SparseRow[] = [
      { indices: [0], values: [1] },
      { indices: [1], values: [1] },
    ];
    const weak = fitLogistic(sep, [1, 0], 2, { c: 1 });
    const fit = fitLogistic(sep, [1, 0], 2, { c: 100 });
    expect(predictProbability(weak, sep[0]!)).toBeGreaterThan(0.5);
    expect(predictProbability(fit, sep[0]!)).toBeGreaterThan(predictProbability(weak, sep[0]!));
    expect(predictProbability(fit, sep[1]!)).toBeLessThan(predictProbability(weak, sep[1]!));
    expect(fit.weights.every(Number.isFinite)).toBe(true);
    // A feature never seen in training is ignored rather than breaking the prediction.
    expect(predictProbability(fit, { indices: [7], values: [1] })).toBeCloseTo(predictProbability(fit, { indices: [], values: [] }));
  });
});
