import { renderToStaticMarkup } from 'react-dom/server';
import type { CustomerInsightsQuery } from '../../__generated__/graphql';
import { NextStepsPanel, PredictionsPanel } from './PredictionsPanel';
import { SegmentPanel, SentimentPanel } from './SegmentSentimentPanels';

type Customer = NonNullable<CustomerInsightsQuery['customer']>;

const base: Customer = {
  id: 'c1',
  predictions: { withheld: false, scores: [], nextSteps: [] },
  segment: null,
  sentiment: { trend: null, label: null, score: null, lastScoredAt: null, textCount: 0, negativeTurn: null, withheld: false },
};

const churn = {
  kind: 'CHURN' as const,
  score: 0.81,
  band: 'HIGH' as const,
  modelId: 'm1',
  modelVersion: 3,
  scoredAt: '2026-12-01T10:00:00Z',
  expectedPurchases: null,
  probabilityAlive: null,
  explanation: {
    raising: [{ feature: 'days_since_last', effect: 1.2, text: 'Days since the last interaction higher than typical (45 vs 6) raises churn risk.' }],
    lowering: [{ feature: 'touch_count', effect: -0.3, text: 'Touchpoints higher than typical (12 vs 4) lowers churn risk.' }],
  },
};

describe('customer 360 profiling panels', () => {
  it('shows each score with its band, model version, scoring time and the factors raising and lowering it', () => {
    const html = renderToStaticMarkup(<PredictionsPanel customer={{ ...base, predictions: { withheld: false, scores: [churn], nextSteps: [] } }} />);
    expect(html).toContain('Churn risk');
    expect(html).toContain('81.0%');
    expect(html).toContain('High');
    expect(html).toContain('Model version 3');
    expect(html).toContain('1 Dec 2026, 10:00 UTC');
    expect(html).toContain('Raises the score');
    expect(html).toContain('(45 vs 6) raises churn risk.');
    expect(html).toContain('(+1.20)');
    expect(html).toContain('lowers churn risk.');
    expect(html).toContain('(−0.30)');
  });

  it('says withheld for a customer without profiling consent, never a zero score', () => {
    const withheld = { ...base, predictions: { withheld: true, scores: [], nextSteps: [] }, segment: null };
    for (const html of [
      renderToStaticMarkup(<PredictionsPanel customer={withheld} />),
      renderToStaticMarkup(<NextStepsPanel customer={withheld} />),
      renderToStaticMarkup(<SegmentPanel customer={withheld} />),
    ]) {
      expect(html).toContain('Withheld: the customer has not given profiling consent');
      expect(html).not.toContain('0.0%');
    }
    const sentiment = renderToStaticMarkup(<SentimentPanel customer={{ ...base, sentiment: { ...base.sentiment, textCount: null, withheld: true } }} />);
    expect(sentiment).toContain('Withheld');
  });

  it('says masked when the role is not cleared (predictions null), and not that consent is missing', () => {
    const masked = { ...base, predictions: null, sentiment: { ...base.sentiment, textCount: null } };
    for (const html of [renderToStaticMarkup(<PredictionsPanel customer={masked} />), renderToStaticMarkup(<SentimentPanel customer={masked} />)]) {
      expect(html).toContain('Masked: your role is not cleared');
      expect(html).not.toContain('Withheld');
    }
  });

  it('shows the segment with its description, the three likeliest next steps, and the sentiment trend', () => {
    const c: Customer = {
      ...base,
      predictions: {
        withheld: false,
        scores: [],
        nextSteps: [
          { event: 'Order Completed', probability: 0.5 },
          { event: 'Email Opened', probability: 0.05 },
          { event: 'Product Viewed', probability: 0.3 },
          { event: 'Product Added', probability: 0.1 },
        ],
      },
      segment: { id: 's2', description: 'Frequent web shoppers', assignedAt: '2026-12-01T00:00:00Z' },
      sentiment: { trend: 0.55, label: 'POSITIVE', score: 0.7, lastScoredAt: '2026-11-30T09:00:00Z', textCount: 2, negativeTurn: false, withheld: false },
    };
    expect(renderToStaticMarkup(<SegmentPanel customer={c} />)).toContain('Frequent web shoppers');
    const steps = renderToStaticMarkup(<NextStepsPanel customer={c} />);
    expect(steps.indexOf('Order Completed')).toBeLessThan(steps.indexOf('Product Viewed'));
    expect(steps).toContain('Product Added');
    expect(steps).not.toContain('Email Opened');
    expect(renderToStaticMarkup(<SentimentPanel customer={c} />)).toContain('positive (+0.55)</strong> over 2 texts');
  });
});
