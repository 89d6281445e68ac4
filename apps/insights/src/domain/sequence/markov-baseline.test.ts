import { markovNextDistribution, markovReachProbability, topK, trainMarkov } from './markov-baseline';

const user = (name: string, events: string[]) => ({ user: name, steps: events.map((event, i) => ({ event, at: i * 1000 })) });

describe('order-k Markov baseline', () => {
  const users = [user('u1', ['view', 'cart', 'buy']), user('u2', ['view', 'cart', 'leave']), user('u3', ['view', 'view', 'leave'])];

  it('estimates next events from the last k events, smoothed towards shorter contexts', () => {
    const model = trainMarkov(users, { order: 1, target: 'buy', smoothing: 2 });
    // Unigram over the 9 steps: view 4, cart 2, buy 1, leave 2. After "cart" (2 seen: buy, leave):
    // buy = (1 + 2 * 1/9) / (2 + 2) = 11/36.
    const after = markovNextDistribution(model, ['view', 'cart']);
    expect(after.get('buy')).toBeCloseTo(11 / 36, 10);
    expect([...after.values()].reduce((a, b) => a + b, 0)).toBeCloseTo(1, 10);
    expect(topK(markovNextDistribution(model, ['view']), 1)[0]!.event).toBe('cart');
  });

  it('estimates whether the target follows from the context, smoothed the same way', () => {
    const model = trainMarkov(users, { order: 1, target: 'buy', smoothing: 2 });
    // Positions followed by "buy": u1's view and cart, so 2 of 9 overall; after "cart": 1 of 2.
    expect(markovReachProbability(model, [])).toBeCloseTo(2 / 9, 10);
    expect(markovReachProbability(model, ['cart'])).toBeCloseTo((1 + 2 * (2 / 9)) / (2 + 2), 10);
    expect(markovReachProbability(model, ['cart'])).toBeGreaterThan(markovReachProbability(model, ['leave']));
  });

  it('uses longer contexts at higher orders', () => {
    const first = trainMarkov(users, { order: 1, target: 'buy' });
    const second = trainMarkov(users, { order: 2, target: 'buy' });
    const history = ['view', 'view'];
    expect(markovNextDistribution(second, history).get('leave')!).toBeGreaterThan(markovNextDistribution(first, history).get('leave')!);
  });
});
