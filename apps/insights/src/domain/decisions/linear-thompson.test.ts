import { applyDelta, chooseArm, priorArm, rewardDelta, scoreDistribution, thompsonPropensities, type ArmState } from './linear-thompson';

function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function train(state: ArmState, samples: [number[], number][]): ArmState {
  return samples.reduce((s, [x, r]) => applyDelta(s, rewardDelta(x, r)), state);
}

describe('linear Thompson sampling', () => {
  it('starts from the ridge prior: mean 0, sd v·|x| for A = I', () => {
    const score = scoreDistribution(priorArm(3), [1, 2, 2], 0.5);
    expect(score.mean).toBe(0);
    expect(score.sd).toBeCloseTo(0.5 * 3, 10);
  });

  it('learns the ridge regression solution by hand: one feature, A = 1 + Σx², b = Σrx', () => {
    // x = [2], rewards 1, 0, 1 at x = 2: A = 1 + 12 = 13, b = 4, θ = 4/13; at x = 1 the mean is 4/13 and the variance 1/13.
    const state = train(priorArm(1), [
      [[2], 1],
      [[2], 0],
      [[2], 1],
    ]);
    expect(state.a).toEqual([13]);
    expect(state.b).toEqual([4]);
    const s = scoreDistribution(state, [1], 1);
    expect(s.mean).toBeCloseTo(4 / 13, 12);
    expect(s.sd).toBeCloseTo(Math.sqrt(1 / 13), 12);
  });

  it('gives two equal arms equal propensities, and a clearly better arm nearly all', () => {
    const [p, q] = thompsonPropensities([
      { mean: 0.2, sd: 0.1 },
      { mean: 0.2, sd: 0.1 },
    ]);
    expect(p).toBeCloseTo(0.5, 6);
    expect(q).toBeCloseTo(0.5, 6);
    // P(N(1, 0.1) > N(0, 0.1)) = Φ(1 / (0.1·√2)) ≈ 1 − 7.7e-13.
    expect(
      thompsonPropensities([
        { mean: 1, sd: 0.1 },
        { mean: 0, sd: 0.1 },
      ])[0],
    ).toBeGreaterThan(0.999999);
    // Two normals: P(A > B) = Φ((μa − μb)/√(σa² + σb²)) = Φ(0.1/0.5) = Φ(0.2) ≈ 0.57926.
    expect(
      thompsonPropensities([
        { mean: 0.1, sd: 0.3 },
        { mean: 0, sd: 0.4 },
      ])[0],
    ).toBeCloseTo(0.57926, 4);
  });

  it('logs propensities that match how often each arm is actually drawn, ε included', () => {
    const scores = [
      { mean: 0.3, sd: 0.2 },
      { mean: 0.2, sd: 0.3 },
      { mean: 0.1, sd: 0.1 },
    ];
    const random = seeded(7);
    const counts = [0, 0, 0];
    let propensities: number[] = [];
    const n = 20_000;
    for (let i = 0; i < n; i++) {
      const choice = chooseArm(scores, { exploration: 1, epsilon: 0.1 }, random);
      counts[choice.index]! += 1;
      propensities = choice.propensities;
    }
    expect(propensities.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
    counts.forEach((c, i) => expect(Math.abs(c / n - propensities[i]!)).toBeLessThan(0.012));
    expect(Math.min(...propensities)).toBeGreaterThanOrEqual(0.1 / 3);
  });

  it('refuses a state of the wrong dimension', () => {
    expect(() => scoreDistribution(priorArm(2), [1, 2, 3], 1)).toThrow(/dimension/);
  });
});
