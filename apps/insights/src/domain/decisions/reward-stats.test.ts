import { upliftInterval, wilsonInterval } from './reward-stats';

describe('reward statistics', () => {
  it('computes the Wilson interval by hand: 10 of 100', () => {
    // p = 0.1, z = 1.96: centre = (0.1 + 0.019208)/1.038415 = 0.114800, half = 1.96·√(0.0009 + 0.00009604)/1.038415 = 0.059580.
    const w = wilsonInterval(10, 100)!;
    expect(w.rate).toBe(0.1);
    expect(w.low).toBeCloseTo(0.05523, 4);
    expect(w.high).toBeCloseTo(0.17437, 4);
  });

  it('stays inside [0, 1] at the edges and has no interval without trials', () => {
    const none = wilsonInterval(0, 20)!;
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.16113, 4);
    expect(wilsonInterval(20, 20)!.high).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('gives uplift with Newcombe’s interval from the two Wilson intervals', () => {
    const treated = wilsonInterval(30, 100)!;
    const holdout = wilsonInterval(10, 100)!;
    const u = upliftInterval(treated, holdout)!;
    expect(u.rate).toBeCloseTo(0.2, 12);
    // Newcombe (1998) method 10 for 30/100 vs 10/100, as statsmodels' confint_proportions_2indep(method='newcomb') gives it.
    expect(u.low).toBeCloseTo(0.090002, 5);
    expect(u.high).toBeCloseTo(0.305789, 5);
    expect(upliftInterval(treated, null)).toBeNull();
  });
});
