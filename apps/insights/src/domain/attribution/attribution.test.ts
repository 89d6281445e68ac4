import { withBootstrapInterval } from './bootstrap';
import type { ConversionPath, Credit } from './conversion-path';
import { compileFirstTouch, firstTouch, lastTouch, linear, positionBased, timeDecay } from './heuristic-models';
import { markovAttribution } from './markov-attribution';
import { weightsOf } from './conversion-path';
import { buildChainShape, conversionProbability, edgeWeightsOf } from './markov-chain';
import { EXACT_SHAPLEY_MAX_CHANNELS, shapleyAttribution } from './shapley-attribution';

const path = (p: string, conversions: number, nulls = 0, value = conversions): ConversionPath => ({ touches: p.split('>'), conversions, nulls, value });
const asObject = (credit: Credit) => Object.fromEntries([...credit.entries()].sort(([a], [b]) => a.localeCompare(b)));
const expectCredit = (credit: Credit, expected: Record<string, number>) => {
  expect(Object.keys(asObject(credit))).toEqual(Object.keys(expected).sort());
  for (const [channel, value] of Object.entries(expected)) expect(credit.get(channel)).toBeCloseTo(value, 10);
};

describe('rule-based models', () => {
  // A>B>C converts twice, B once, C>A once (and fails three times).
  const paths = [path('A>B>C', 2), path('B', 1), path('C>A', 1, 3)];

  it('first and last touch give each conversion to one end of its path', () => {
    expectCredit(firstTouch(paths), { A: 2, B: 1, C: 1 });
    expectCredit(lastTouch(paths), { A: 1, B: 1, C: 2 });
  });

  it('linear shares each conversion evenly over its touches', () => {
    expectCredit(linear(paths), { A: 2 / 3 + 1 / 2, B: 2 / 3 + 1, C: 2 / 3 + 1 / 2 });
  });

  it('position based gives 40/20/40, and halves a two-touch path', () => {
    expectCredit(positionBased(paths), { A: 0.8 + 0.5, B: 0.4 + 1, C: 0.8 + 0.5 });
  });

  it('time decay halves a touch one half-life older (one day per step without times)', () => {
    // A>B>C: weights 1/4, 1/2, 1 over 7/4; C>A: 1/2, 1 over 3/2.
    expectCredit(timeDecay(paths, 1), { A: 2 / 7 + 2 / 3, B: 4 / 7 + 1, C: 8 / 7 + 1 / 3 });
    // With touch ages in days and a 2-day half-life: ages 4 and 0 weigh 1/4 and 1.
    expectCredit(timeDecay([{ touches: ['A', 'B'], ageDays: [4, 0], conversions: 5, nulls: 0, value: 5 }], 2), { A: 1, B: 4 });
  });

  it('credits conversion value the same way', () => {
    expectCredit(lastTouch([path('A>B', 2, 0, 300), path('A', 1, 0, 50)], 'value'), { A: 50, B: 300 });
  });
});

describe('Markov removal effect (order 1, solved by hand)', () => {
  // start→A 3/4, start→B 1/4; A→B 2/3, A→null 1/3; B→conv 2/3, B→null 1/3.
  // x_B = 2/3, x_A = 4/9, P = 3/4·4/9 + 1/4·2/3 = 1/2. Without A: 1/4·2/3 = 1/6, effect 2/3. Without B: 0, effect 1.
  const paths = [path('A>B', 1, 1), path('B', 1), path('A', 0, 1)];

  it('solves the absorbing chain exactly and shares conversions by removal effect', () => {
    const result = markovAttribution(paths);
    expect(result.conversionProbability).toBeCloseTo(1 / 2, 12);
    expect(result.removalEffect.get('A')).toBeCloseTo(2 / 3, 12);
    expect(result.removalEffect.get('B')).toBeCloseTo(1, 12);
    expectCredit(result.credit, { A: (2 * (2 / 3)) / (5 / 3), B: 2 / (5 / 3) });
  });

  it('keeps a repeated channel as a self-transition', () => {
    // start→A 1/2, start→B 1/2; A→A, A→B, A→null 1/3 each; B→conv 2/3.
    // x_B = 2/3; x_A = x_A/3 + 2/9 → 1/3; P = 1/2. Without A: 1/3 (effect 1/3). Without B: 0 (effect 1).
    const result = markovAttribution([path('A>A>B', 1), path('A', 0, 1), path('B', 1, 1)]);
    expect(result.conversionProbability).toBeCloseTo(1 / 2, 12);
    expect(result.removalEffect.get('A')).toBeCloseTo(1 / 3, 12);
    expectCredit(result.credit, { A: 0.5, B: 1.5 });
  });

  it('order 2 keeps the last two touches as the state', () => {
    // States (A), (A,B), (B). P = 3/4·(2/3·1/2) + 1/4·1 = 1/2; without A only start→(B) converts: 1/4, effect 1/2.
    const result = markovAttribution(paths, 2);
    expect(result.removalEffect.get('A')).toBeCloseTo(1 / 2, 12);
    expect(result.removalEffect.get('B')).toBeCloseTo(1, 12);
    expectCredit(result.credit, { A: 2 / 3, B: 4 / 3 });
  });

  it('the iterative solver used for large chains agrees with the exact one', () => {
    const paths = [path('A>A>B>C', 3, 2), path('C>B', 1, 4), path('A>C>C', 2, 2), path('B', 0, 3)];
    for (const order of [1, 2]) {
      const shape = buildChainShape(paths, order);
      const ew = edgeWeightsOf(shape, weightsOf(paths));
      for (const removed of [undefined, 'A', 'B', 'C']) {
        expect(conversionProbability(shape, ew, removed, 'iterative')).toBeCloseTo(conversionProbability(shape, ew, removed, 'dense'), 12);
      }
    }
  });

  it('refuses an order outside 1 to 3', () => {
    expect(() => markovAttribution(paths, 4)).toThrow(RangeError);
  });
});

describe('Shapley value', () => {
  it('enumerates coalitions exactly for few channels', () => {
    // v({A}) = 1, v({B}) = 0, v({A,B}) = 4: φ_A = ½·1 + ½·(4−0) = 2.5, φ_B = ½·0 + ½·(4−1) = 1.5.
    const result = shapleyAttribution([path('A>A>B', 3), path('A', 1), path('B', 0, 5)]);
    expect(result.method).toBe('exact');
    expectCredit(result.credit, { A: 2.5, B: 1.5 });
  });

  it('samples orders for many channels, within its stated error of the exact value', () => {
    // In this game each journey's conversions split evenly over its distinct channels is the exact value.
    const channels = Array.from({ length: EXACT_SHAPLEY_MAX_CHANNELS + 4 }, (_, i) => `c${i}`);
    const paths = channels.map((c, i) => path(`${c}>${channels[(i + 1) % channels.length]}>${channels[(i + 3) % channels.length]}`, i + 1));
    const exact = new Map<string, number>();
    for (const p of paths) for (const t of new Set(p.touches)) exact.set(t, (exact.get(t) ?? 0) + p.conversions / new Set(p.touches).size);
    const result = shapleyAttribution(paths, { samples: 4000, seed: 7 });
    expect(result.method).toBe('sampled');
    for (const c of channels) {
      const se = result.standardError.get(c)!;
      expect(se).toBeGreaterThan(0);
      expect(Math.abs(result.credit.get(c)! - exact.get(c)!)).toBeLessThan(4 * se);
    }
  });
});

describe('bootstrap interval', () => {
  it('brackets the estimate with about ±1.96·√n for n conversions, the same on every run', () => {
    const paths = [path('A', 10_000, 10_000)];
    const [a] = withBootstrapInterval(paths, compileFirstTouch, { replicates: 400, seed: 3 });
    expect(a!.credit).toBe(10_000);
    expect(a!.high - a!.low).toBeGreaterThan(2 * 1.96 * 100 * 0.8);
    expect(a!.high - a!.low).toBeLessThan(2 * 1.96 * 100 * 1.2);
    expect(withBootstrapInterval(paths, compileFirstTouch, { replicates: 400, seed: 3 })).toEqual([a]);
  });
});
