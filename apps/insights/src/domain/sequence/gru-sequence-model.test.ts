import { GruPredictor, trainGru } from './gru-sequence-model';
import { rocAuc } from '../learning/classification-metrics';
import { seededRandom } from '../seeded-random';

/** Journeys with a rule to learn: "cart" is always followed by "pay"; users who saw "promo" go on to "buy". */
function journeys(count: number, seed: number) {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, u) => {
    const promo = random() < 0.5;
    const events = ['home', ...(promo ? ['promo'] : ['blog']), 'list', 'cart', 'pay', ...(promo ? ['buy'] : ['leave'])];
    return { user: `u${u}`, steps: events.map((event, i) => ({ event, at: i * 30_000, channel: random() < 0.5 ? 'web' : 'app' })) };
  });
}

describe('GRU sequence model', () => {
  jest.setTimeout(120_000);

  it('learns next steps and who converts, and predicts the same after a JSON round trip', async () => {
    const model = await trainGru(journeys(300, 1), journeys(60, 2), { target: 'buy', hidden: 8, length: 8, maxEpochs: 25, learningRate: 0.03, seed: 3 });
    const stored = JSON.parse(JSON.stringify(model));
    const test = journeys(100, 4);
    const predictor = await GruPredictor.load(stored);
    try {
      const [afterCart] = predictor.predictAfter([test[0]!.steps.slice(0, 4)]);
      const best = [...afterCart!.next].sort((a, b) => b[1] - a[1])[0]!;
      expect(best[0]).toBe('pay');
      const cases = test.map((u) => ({ prefix: u.steps.slice(0, 3), reached: u.steps.some((s) => s.event === 'buy') }));
      const reach = predictor.predictAfter(cases.map((c) => c.prefix)).map((p) => p.reach);
      expect(
        rocAuc(
          cases.map((c) => (c.reached ? 1 : 0)),
          reach,
        ),
      ).toBeGreaterThan(0.95);
    } finally {
      predictor.dispose();
    }
  });
});
