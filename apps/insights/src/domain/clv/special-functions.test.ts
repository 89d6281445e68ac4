import { logHyp2f1 } from './hypergeometric';
import { logAddExp, logGamma } from './log-gamma';
import { minimiseNelderMead } from './nelder-mead';

// Reference values from scipy.special (gammaln, hyp2f1) 1.17.1, computed once in a scratch venv.
describe('logGamma', () => {
  it.each([
    [1e-3, 6.907178885383853],
    [0.243, 1.3180435846996699],
    [0.5, 0.5723649429247],
    [1, 0],
    [2.5, 0.2846828704729192],
    [10, 12.801827480081469],
    [171.5, 709.1431630309283],
    [1e5, 1051287.7089736569],
  ])('ln Γ(%p) = %p', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });

  it('satisfies Γ(x+1) = xΓ(x) across magnitudes', () => {
    for (const x of [0.01, 0.3, 1.7, 12.25, 640]) expect(logGamma(x + 1) - logGamma(x)).toBeCloseTo(Math.log(x), 11);
  });

  it('is NaN outside its domain', () => {
    expect(logGamma(0)).toBeNaN();
    expect(logGamma(-1.5)).toBeNaN();
  });
});

describe('logAddExp', () => {
  it('adds in log space without overflow', () => {
    expect(logAddExp(Math.log(2), Math.log(3))).toBeCloseTo(Math.log(5), 14);
    expect(logAddExp(1000, 1000)).toBeCloseTo(1000 + Math.log(2), 10);
    expect(logAddExp(-Infinity, 4)).toBe(4);
  });
});

describe('logHyp2f1', () => {
  const value = (a: number, b: number, c: number, z: number) => {
    const { sign, log } = logHyp2f1(a, b, c, z);
    return sign * Math.exp(log);
  };

  it('matches scipy for moderate, large and negative-c arguments', () => {
    expect(value(0.243, 2.426, 2.219, 0.5)).toBeCloseTo(1.2070970070440417, 12);
    expect(logHyp2f1(30.243, 32.426, 32.219, 0.9).log).toBeCloseTo(Math.log(2.7850802815127053e30), 9);
    expect(value(1.5, 0.5, -0.3, 0.4)).toBeCloseTo(-2.688631059299538, 11);
  });

  it('keeps its magnitude in log space when the series passes 1e300', () => {
    // ₂F₁(a, b; b; z) = (1 − z)^(−a) exactly: here e^4605, far beyond a double.
    const { sign, log } = logHyp2f1(2000, 1500, 1500, 0.9);
    expect(sign).toBe(1);
    expect(log).toBeCloseTo(-2000 * Math.log(0.1), 6);
  });

  it('refuses arguments outside the unit disc', () => {
    expect(() => logHyp2f1(1, 1, 2, 1)).toThrow(RangeError);
  });
});

describe('minimiseNelderMead', () => {
  it('finds the minimum of the Rosenbrock valley', () => {
    const rosenbrock = ([x = 0, y = 0]: number[]) => (1 - x) ** 2 + 100 * (y - x * x) ** 2;
    const result = minimiseNelderMead(rosenbrock, [-1.2, 1]);
    expect(result.converged).toBe(true);
    expect(result.x[0]).toBeCloseTo(1, 4);
    expect(result.x[1]).toBeCloseTo(1, 4);
  });

  it('treats non-finite values as worse than any finite one', () => {
    const bounded = ([x = 0]: number[]) => (x < 0 ? NaN : (x - 2) ** 2);
    expect(minimiseNelderMead(bounded, [5]).x[0]).toBeCloseTo(2, 5);
  });
});
