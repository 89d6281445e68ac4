import { firstNegativeTurn, negativeTurn, sentimentTrend, TURN_RULE } from './sentiment-trend';

const day = (d: number) => new Date(Date.UTC(2026, 0, 1 + d));

describe('sentimentTrend', () => {
  it('is withheld-shaped (nulls, count 0) without texts', () => {
    expect(sentimentTrend([])).toEqual({ trend: null, label: null, lastScore: null, lastAt: null, count: 0 });
  });

  it('weighs a text one half-life older than the newest half as much, whatever the input order', () => {
    const t = sentimentTrend(
      [
        { occurredAt: day(30), score: -1 },
        { occurredAt: day(0), score: 1 },
      ],
      { halfLifeDays: 30 },
    );
    // (0.5·1 + 1·(−1)) / 1.5
    expect(t.trend).toBeCloseTo(-1 / 3, 10);
    expect(t.label).toBe('negative');
    expect(t.lastScore).toBe(-1);
    expect(t.lastAt).toEqual(day(30));
    expect(t.count).toBe(2);
  });
});

describe('negative turn (TURN_RULE)', () => {
  const content = [
    { occurredAt: day(0), score: 0.6 },
    { occurredAt: day(2), score: 0.4 },
  ];

  it('fires when a content customer writes an angry text', () => {
    const turn = negativeTurn(content, { occurredAt: day(3), score: -0.9 });
    expect(turn).not.toBeNull();
    expect(turn!.before).toBeCloseTo(0.5, 2);
    expect(turn!.before - turn!.score).toBeGreaterThanOrEqual(TURN_RULE.minGap);
    expect(turn!.after).toBeLessThan(turn!.before);
  });

  it('does not fire without enough history, for a mildly negative text, or for a customer already negative', () => {
    expect(negativeTurn(content.slice(0, 1), { occurredAt: day(3), score: -0.9 })).toBeNull();
    expect(negativeTurn(content, { occurredAt: day(3), score: -0.2 })).toBeNull();
    // Negative, but not far enough below a lukewarm usual.
    const lukewarm = [
      { occurredAt: day(0), score: 0.05 },
      { occurredAt: day(1), score: 0 },
    ];
    expect(negativeTurn(lukewarm, { occurredAt: day(3), score: -0.5 })).toBeNull();
    const unhappy = [
      { occurredAt: day(0), score: -0.5 },
      { occurredAt: day(1), score: -0.4 },
    ];
    expect(negativeTurn(unhappy, { occurredAt: day(3), score: -0.9 })).toBeNull();
  });

  it('counts a run of angry texts as one turn', () => {
    const turned = [...content, { occurredAt: day(3), score: -0.9 }];
    expect(negativeTurn(turned, { occurredAt: day(4), score: -0.8 })).toBeNull();
  });

  it('reports the first text of a batch that turns it, checked in time order', () => {
    const added = [
      { occurredAt: day(5), score: -0.8, id: 'b' },
      { occurredAt: day(4), score: -0.9, id: 'a' },
    ];
    expect(firstNegativeTurn(content, added)?.text.id).toBe('a');
    expect(firstNegativeTurn(content, [{ occurredAt: day(4), score: 0.9, id: 'c' }])).toBeNull();
  });
});
