import { explanationView, formatEffect, formatScore, kindLabel, nextStepsView, predictionsState, sentimentState, sentimentWords } from './predictions';

describe('profiling states', () => {
  it('tells masked (null for the role), withheld (no consent) and shown apart', () => {
    expect(predictionsState(null)).toBe('masked');
    expect(predictionsState(undefined)).toBe('masked');
    expect(predictionsState({ withheld: true })).toBe('withheld');
    expect(predictionsState({ withheld: false })).toBe('shown');
  });

  it('reads sentiment masked from its personal fields answered as null while not withheld', () => {
    expect(sentimentState({ withheld: true, textCount: null })).toBe('withheld');
    expect(sentimentState({ withheld: false, textCount: null })).toBe('masked');
    expect(sentimentState({ withheld: false, textCount: 0 })).toBe('shown');
    expect(sentimentState({ withheld: false, textCount: 4 })).toBe('shown');
  });
});

describe('scores and explanations in words', () => {
  it('names each model kind and formats its score in its own unit', () => {
    expect(kindLabel('CHURN')).toBe('Churn risk');
    expect(kindLabel('SOMETHING_NEW')).toBe('Something new');
    expect(formatScore('CHURN', 0.7234)).toBe('72.3%');
    expect(formatScore('CONVERSION', 0.05)).toBe('5.0%');
    expect(formatScore('CLV', 182.456)).toBe('182.46');
    expect(formatScore('CHURN', Number.NaN)).toBe('—');
  });

  it('signs effects with a true minus, and drops the sign of what rounds to zero', () => {
    expect(formatEffect(0.8412)).toBe('+0.84');
    expect(formatEffect(-0.316)).toBe('−0.32');
    expect(formatEffect(-0.001)).toBe('0.00');
    expect(formatEffect(Number.POSITIVE_INFINITY)).toBe('—');
  });

  it('keeps the strongest factors of each side, strongest first, with bars relative to the strongest of either side', () => {
    const view = explanationView(
      {
        raising: [
          { feature: 'a', effect: 0.2, text: 'A raises' },
          { feature: 'b', effect: 1.6, text: 'B raises' },
          { feature: 'c', effect: 0.4, text: 'C raises' },
          { feature: 'd', effect: 0.1, text: 'D raises' },
        ],
        lowering: [{ feature: 'e', effect: -0.8, text: 'E lowers' }],
      },
      3,
    );
    expect(view.raising.map((f) => f.feature)).toEqual(['b', 'c', 'a']);
    expect(view.raising.map((f) => f.strength)).toEqual([100, 25, 13]);
    expect(view.lowering).toEqual([{ feature: 'e', text: 'E lowers', effect: '−0.80', strength: 50 }]);
  });

  it('has no bars to draw when every effect is zero, and nothing to list when there are no factors', () => {
    expect(explanationView({ raising: [{ feature: 'a', effect: 0, text: 'A' }], lowering: [] }).raising[0]?.strength).toBe(0);
    expect(explanationView({ raising: [], lowering: [] })).toEqual({ raising: [], lowering: [] });
  });
});

describe('next steps and sentiment', () => {
  it('lists the three most likely next steps, most likely first, as percentages', () => {
    const steps = [
      { event: 'Email Opened', probability: 0.1 },
      { event: 'Order Completed', probability: 0.45 },
      { event: 'Product Viewed', probability: 0.3 },
      { event: 'Store Visited', probability: 0.15 },
    ];
    expect(nextStepsView(steps)).toEqual([
      { event: 'Order Completed', probability: '45.0%' },
      { event: 'Product Viewed', probability: '30.0%' },
      { event: 'Store Visited', probability: '15.0%' },
    ]);
  });

  it('says sentiment as its label with the figure, signed', () => {
    expect(sentimentWords(0.62, 'POSITIVE')).toBe('positive (+0.62)');
    expect(sentimentWords(-0.4, 'NEGATIVE')).toBe('negative (−0.40)');
    expect(sentimentWords(0, null)).toBe('0.00');
    expect(sentimentWords(null, 'NEUTRAL')).toBe('neutral');
    expect(sentimentWords(null, null)).toBe('—');
  });
});
