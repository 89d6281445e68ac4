import { describeProfile, type ProfileEntry } from './describe-segment';
import { FEATURE_META } from './segments-fixture';

const entry = (feature: string, deviation: number): ProfileEntry => ({
  feature,
  label: FEATURE_META[feature]?.label ?? feature,
  mean: 0,
  populationMean: 0,
  deviation,
  level: deviation >= 0.5 ? 'high' : deviation <= -0.5 ? 'low' : 'typical',
});

describe('describeProfile', () => {
  it('uses the direction words of the three most distinctive features, in the order given', () => {
    const profile = [entry('purchases_90d', 2.1), entry('churn_trend', 1.4), entry('store_share', -0.9), entry('spend_90d', 0.7)];
    expect(describeProfile(profile, FEATURE_META)).toBe('frequent buyers, churn risk rising, online shoppers');
  });

  it('calls a segment near the average on every feature typical, and names features without words by label', () => {
    expect(describeProfile([entry('spend_90d', 0.2)], FEATURE_META)).toMatch(/^typical/);
    expect(describeProfile([{ ...entry('tenure', 1), label: 'tenure' }], FEATURE_META)).toBe('high tenure');
  });
});
