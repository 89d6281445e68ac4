import { FeatureStoreProfileSource, type ProfileSource } from './customer-profile';

describe('profiles from the feature store', () => {
  const fallback: ProfileSource = { profileOf: async () => ({ features: { touches_log: 1, recency: 0.5 }, traits: {}, segments: [] }) };

  it('adds stored numbers as features, strings as traits and the segment, over engagement, read under the survivor', async () => {
    const asked: string[] = [];
    const source = new FeatureStoreProfileSource({
      features: {
        featuresOf: async (id) => {
          asked.push(id);
          return { features: { recency: 0.9, monetary_log: 4.2, platform: 'ios', missing: null, broken: Number.NaN } };
        },
      },
      segments: { membershipOf: async (id) => (id === 'survivor' ? { segmentId: 'seg-3' } : null) },
      fallback,
    });
    expect(await source.profileOf(['survivor', 'absorbed'], new Date())).toEqual({
      features: { touches_log: 1, recency: 0.9, monetary_log: 4.2 },
      traits: { platform: 'ios' },
      segments: ['seg-3'],
    });
    expect(asked).toEqual(['survivor']);
  });

  it('falls back to engagement alone when the store has nothing (no features yet, or no profiling consent)', async () => {
    const source = new FeatureStoreProfileSource({ features: { featuresOf: async () => null }, segments: { membershipOf: async () => null }, fallback });
    expect(await source.profileOf(['c'], new Date())).toEqual({ features: { touches_log: 1, recency: 0.5 }, traits: {}, segments: [] });
  });
});
