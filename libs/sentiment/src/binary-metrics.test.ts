import { binaryMetrics } from './binary-metrics';

describe('binaryMetrics', () => {
  it('computes accuracy and the mean of both classes F1', () => {
    // tp=2 fp=1 tn=1 fn=0: F1+ = 4/5, F1− = 2/3.
    const m = binaryMetrics([true, true, false, false], [true, true, true, false]);
    expect(m.confusion).toEqual({ tp: 2, fp: 1, tn: 1, fn: 0 });
    expect(m.accuracy).toBe(0.75);
    expect(m.macroF1).toBeCloseTo((4 / 5 + 2 / 3) / 2, 12);
  });

  it('gives an always-positive guess on balanced data half accuracy and a low macro-F1', () => {
    const m = binaryMetrics([true, false, true, false], [true, true, true, true]);
    expect(m.accuracy).toBe(0.5);
    expect(m.macroF1).toBeCloseTo(1 / 3, 12);
  });

  it('refuses predictions of another length', () => {
    expect(() => binaryMetrics([true], [])).toThrow();
  });
});
