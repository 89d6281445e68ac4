import { computeFeatures, type TouchFactRecord } from './compute-features';
import { FEATURE_DEFINITIONS } from './feature-definitions';

const asOf = new Date('2026-03-31T12:00:00Z');
const daysAgo = (d: number, hours = 0) => new Date(asOf.getTime() - d * 86_400_000 - hours * 3_600_000);
let n = 0;
const touch = (t: Omit<TouchFactRecord, 'messageId'>): TouchFactRecord => ({ messageId: `m${n++}`, ...t });

describe('computeFeatures', () => {
  const touches = [
    touch({ occurredAt: daysAgo(100), channel: 'store', type: 'purchase', eventKey: 'Order Completed', amount: 50 }),
    touch({ occurredAt: daysAgo(20), channel: 'web', eventKey: 'Product Viewed' }),
    touch({ occurredAt: daysAgo(20, -0.1), channel: 'web', eventKey: 'Product Added' }),
    touch({ occurredAt: daysAgo(20, -0.2), channel: 'app', eventKey: 'Checkout Started' }),
    touch({ occurredAt: daysAgo(20, -0.3), channel: 'web', eventKey: 'Order Completed', amount: 30 }),
    touch({ occurredAt: daysAgo(20, -0.4), channel: 'web', eventKey: 'Order Completed', amount: 10 }),
    touch({ occurredAt: daysAgo(3), channel: 'call_center', type: 'contact', eventKey: 'Call Completed' }),
  ];
  const v = computeFeatures({ touches, attributes: [], sentiments: [] }, asOf);

  it('gives every defined feature a value', () => {
    for (const d of FEATURE_DEFINITIONS) expect(v).toHaveProperty([d.name]);
  });

  it('recency, frequency, monetary and windows', () => {
    expect(v['recency_days']).toBe(3);
    expect(v['tenure_days']).toBe(100);
    expect(v['frequency_total']).toBe(7);
    expect(v['frequency_90d']).toBe(6);
    expect(v['monetary_total']).toBe(90);
    expect(v['monetary_90d']).toBe(40);
    expect(v['purchases_total']).toBe(3);
    expect(v['avg_order_value']).toBe(30);
    expect(v['touches_30d_channel_web']).toBe(4);
    expect(v['touches_30d_family_owned_digital']).toBe(5);
    expect(v['touches_7d_family_assisted']).toBe(1);
    expect(v['support_contacts_30d']).toBe(1);
  });

  it('counts purchase days for BG/NBD (two orders on one day are one purchase) and their spend', () => {
    expect(v['repeat_purchase_days']).toBe(1);
    expect(v['purchase_span_days']).toBe(80);
    expect(v['mean_repeat_value']).toBe(40);
    expect(v['days_since_last_purchase']).toBeCloseTo(19.98, 1);
  });

  it('sessions per channel family, funnel progress and journey stage', () => {
    // The store visit, one digital session 20 days ago (web and app are one family), the call.
    expect(v['sessions_90d']).toBe(2);
    expect(v['funnel_progress']).toBe(1);
    expect(v['journey_stage']).toBe('retention');
  });

  it('reads nothing after asOf, traits as last reported before it (numeric text as numbers), sentiment trend', () => {
    const later = computeFeatures(
      {
        touches: [...touches, touch({ occurredAt: new Date(asOf.getTime() + 1000), channel: 'web' })],
        attributes: [
          { at: daysAgo(50), attributes: { plan: 'basic', charges: ' 29.85' } },
          { at: daysAgo(5), attributes: { plan: 'plus' } },
          { at: new Date(asOf.getTime() + 1000), attributes: { plan: 'premium' } },
        ],
        sentiments: [
          { at: daysAgo(40), score: 0.5 },
          { at: daysAgo(10), score: -0.5 },
          { at: new Date(asOf.getTime() + 1000), score: -1 },
        ],
      },
      asOf,
    );
    expect(later['frequency_total']).toBe(7);
    expect(later['trait.plan']).toBe('plus');
    expect(later['trait.charges']).toBe(29.85);
    expect(later['sentiment_30d']).toBe(-0.5);
    expect(later['sentiment_trend']).toBe(-1);
  });

  it('golden-record traits: each from the most trusted source that reported it by asOf, then the latest; nothing after asOf', () => {
    const profiles = [
      { at: daysAgo(60), source: 'crm', traits: { gender: 'F', country: 'GB', locality: 'Leeds' } },
      { at: daysAgo(10), source: 'web', traits: { gender: 'M', country: 'FR', region: 'Normandie' } },
      { at: daysAgo(5), source: 'web', traits: { region: ' Bretagne ' } },
      // A better source, but later than asOf: a training row as of asOf must not see it.
      { at: new Date(asOf.getTime() + 1000), source: 'crm', traits: { region: 'Yorkshire', locality: 'York' } },
    ];
    const golden = computeFeatures({ touches, attributes: [], sentiments: [], profiles }, asOf);
    expect(golden['golden.gender']).toBe('f');
    expect(golden['golden.country']).toBe('gb');
    expect(golden['golden.locality']).toBe('leeds');
    expect(golden['golden.region']).toBe('bretagne');
    // The ranking is the configured one: web above crm here.
    const webFirst = computeFeatures({ touches, attributes: [], sentiments: [], profiles }, asOf, { sourceTrust: { web: 10, crm: 1 } });
    expect(webFirst['golden.gender']).toBe('m');
    expect(webFirst['golden.country']).toBe('fr');
    // Later, the crm region arrives and wins.
    expect(computeFeatures({ touches, attributes: [], sentiments: [], profiles }, new Date(asOf.getTime() + 2000))['golden.region']).toBe('yorkshire');
    expect(computeFeatures({ touches, attributes: [], sentiments: [] }, asOf)['golden.gender']).toBeNull();
  });

  it('a customer without facts has missing recency and no stage', () => {
    const empty = computeFeatures({ touches: [], attributes: [], sentiments: [] }, asOf);
    expect(empty['recency_days']).toBeNull();
    expect(empty['journey_stage']).toBeNull();
    expect(empty['frequency_total']).toBe(0);
  });
});
