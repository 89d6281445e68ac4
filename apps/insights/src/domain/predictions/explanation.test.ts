import { bandOf, PROBABILITY_BANDS, tercileBands } from './bands';
import { explain } from './explanation';

describe('explanations and bands', () => {
  it('splits contributions into the strongest raising and lowering factors, in words', () => {
    const e = explain(
      'churn',
      [
        { feature: 'recency_days', effect: 1.2, value: 45, typical: 6 },
        { feature: 'touches_30d_channel_web', effect: -0.4, value: 9, typical: 3 },
        { feature: 'journey_stage', effect: 0.3, value: 'awareness', typical: 'decision' },
        { feature: 'trait.Contract', effect: 0.1, value: 'Month-to-month', typical: 'Two year' },
        { feature: 'frequency_total', effect: 0, value: 1, typical: 1 },
      ],
      2,
    );
    expect(e.raising.map((f) => f.feature)).toEqual(['recency_days', 'journey_stage']);
    expect(e.lowering.map((f) => f.feature)).toEqual(['touches_30d_channel_web']);
    expect(e.raising[0]!.text).toBe('Days since the last interaction higher than typical (45 vs 6) raises churn risk.');
    expect(e.lowering[0]!.text).toBe('Web interactions in the last 30 days higher than typical (9 vs 3) lowers churn risk.');
    expect(e.raising[1]!.text).toBe('Journey stage "awareness" raises churn risk.');
  });

  it('bands by thresholds, and terciles for values', () => {
    expect([0.1, 0.4, 0.9].map((p) => bandOf(p, PROBABILITY_BANDS))).toEqual(['low', 'medium', 'high']);
    const bands = tercileBands([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([1, 5, 9].map((x) => bandOf(x, bands))).toEqual(['low', 'medium', 'high']);
  });
});
