import { fitLogistic, logisticContributions, logisticMargin, sigmoid } from './logistic-regression';

const rows = (...columns: number[][]) => (columns[0] as number[]).map((_, i) => Float64Array.from(columns.map((c) => c[i] as number)));

describe('fitLogistic', () => {
  // A fixed table fitted by scikit-learn 1.x: StandardScaler then LogisticRegression(C, tol=1e-12), whose
  // objective C·Σ log-loss + ½‖w‖² with an unpenalised intercept is ours with l2 = 1 / C.
  const x = rows([0.5, 1.2, 2.3, 3.1, 0.7, 2.8, 1.9, 3.5, 0.2, 2.5, 1.1, 3.0], [1, 0, 1, 0, 0, 1, 1, 0, 1, 0, 1, 1]);
  const y = [0, 0, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0];

  it.each([
    { l2: 1, intercept: -0.0074003003708696955, coefficients: [0.9710843481808099, -0.13229035646449094], firstProbability: 0.20106084938315721 },
    { l2: 10, intercept: -0.00012712473762958726, coefficients: [0.2755634298679995, -0.06362334402700144], firstProbability: 0.39853308000880944 },
  ])('agrees with scikit-learn at l2 = $l2', ({ l2, intercept, coefficients, firstProbability }) => {
    const model = fitLogistic(x, y, { l2 });
    expect(model.intercept).toBeCloseTo(intercept, 6);
    model.coefficients.forEach((c, j) => expect(c).toBeCloseTo(coefficients[j] as number, 6));
    expect(sigmoid(logisticMargin(model, x[0]!))).toBeCloseTo(firstProbability, 6);
  });

  it('finds the closed-form optimum of one binary feature', () => {
    // Without penalty the fitted rates equal the observed ones: 1 of 4 when x = 0, 3 of 4 when x = 1.
    const model = fitLogistic(rows([0, 0, 0, 0, 1, 1, 1, 1]), [1, 0, 0, 0, 1, 1, 1, 0], { l2: 1e-9 });
    expect(sigmoid(logisticMargin(model, Float64Array.of(0)))).toBeCloseTo(0.25, 6);
    expect(sigmoid(logisticMargin(model, Float64Array.of(1)))).toBeCloseTo(0.75, 6);
    // Standardised x is ±1, so the coefficient is half the log-odds gap: (ln 3 − (−ln 3)) / 2.
    expect(model.coefficients[0]).toBeCloseTo(Math.log(3), 6);
  });

  it('matches the mean prediction to the positive rate, since the intercept is not penalised', () => {
    const model = fitLogistic(x, y, { l2: 5 });
    const meanPrediction = x.reduce((sum, row) => sum + sigmoid(logisticMargin(model, row)), 0) / x.length;
    expect(meanPrediction).toBeCloseTo(y.reduce((a, b) => a + b, 0) / y.length, 8);
  });

  it('keeps a constant feature at zero weight', () => {
    const model = fitLogistic(rows([1, 2, 3, 4, 5, 6], [7, 7, 7, 7, 7, 7]), [0, 0, 1, 0, 1, 1]);
    expect(model.coefficients[1]).toBeCloseTo(0, 12);
    expect(model.scales[1]).toBe(1);
  });
});

describe('logisticContributions', () => {
  it('are coefficient × standardised value and add up with the intercept to the margin', () => {
    const x = rows([0.5, 1.2, 2.3, 3.1, 0.7, 2.8], [1, 0, 1, 0, 0, 1]);
    const model = fitLogistic(x, [0, 1, 1, 1, 0, 0]);
    const row = Float64Array.of(2.0, 1);
    const contributions = logisticContributions(model, row);
    expect(contributions[0]).toBeCloseTo((model.coefficients[0]! * (2.0 - model.means[0]!)) / model.scales[0]!, 12);
    expect(contributions.reduce((a, b) => a + b, model.intercept)).toBeCloseTo(logisticMargin(model, row), 12);
  });
});
