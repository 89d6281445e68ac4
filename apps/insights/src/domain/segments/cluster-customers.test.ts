import { clusterCustomers, SegmentationError, type Segmentation } from './cluster-customers';
import { CENTRES, FEATURE_META, NEW_CENTRE, groupOf, plantedCustomers, shuffled } from './segments-fixture';

/** Segment id of each planted group, failing the test if a group is split or two groups share a segment. */
function segmentOfGroup(result: Segmentation): Map<string, string> {
  const byGroup = new Map<string, Set<string>>();
  for (const { customerId, segmentId } of result.assignments) {
    const ids = byGroup.get(groupOf(customerId)) ?? new Set<string>();
    byGroup.set(groupOf(customerId), ids.add(segmentId));
  }
  const mapping = new Map([...byGroup].map(([group, ids]) => [group, [...ids].join('+')]));
  expect([...byGroup.values()].every((ids) => ids.size === 1)).toBe(true);
  expect(new Set(mapping.values()).size).toBe(mapping.size);
  return mapping;
}

describe('clusterCustomers on planted clusters', () => {
  const first = clusterCustomers(plantedCustomers(CENTRES, { loyal: 150, lapsing: 120, online: 90 }, 1), FEATURE_META);

  it('recovers the three planted groups, choosing k by silhouette', () => {
    expect(first.k).toBe(3);
    expect(first.criterion).toMatch(/silhouette over k=2\.\.8/);
    expect(first.silhouette).toBeGreaterThan(0.5);
    expect(first.candidates.find((c) => c.k === 3)?.silhouette).toBe(first.silhouette);
    segmentOfGroup(first);
    expect(first.segments.map((s) => s.size)).toEqual([150, 120, 90]);
  });

  it('describes each segment from the feature metadata, relative to the population', () => {
    const description = (group: string) => first.segments.find((s) => s.id === segmentOfGroup(first).get(group))?.description ?? '';
    expect(description('loyal')).toEqual(expect.stringContaining('frequent buyers'));
    expect(description('loyal')).toEqual(expect.stringContaining('store shoppers'));
    expect(description('lapsing')).toEqual(expect.stringContaining('churn risk rising'));
    expect(description('online')).toEqual(expect.stringContaining('online shoppers'));
    const loyal = first.segments.find((s) => s.id === segmentOfGroup(first).get('loyal'));
    const spend = loyal?.profile.find((p) => p.feature === 'spend_90d');
    expect(spend?.level).toBe('high');
    expect(spend?.mean).toBeGreaterThan(spend?.populationMean ?? Infinity);
  });

  // The groups change size order between runs, so ids handed out by size alone would not survive.
  it('keeps segment ids on a re-run with other customers from the same groups, in another order and other proportions', () => {
    const again = clusterCustomers(shuffled(plantedCustomers(CENTRES, { loyal: 60, lapsing: 100, online: 140 }, 2, 'd'), 9), FEATURE_META, first);
    expect(segmentOfGroup(again)).toEqual(segmentOfGroup(first));
    expect(again.nextSequence).toBe(first.nextSequence);
  });

  it('gives a new group a new id and keeps the others', () => {
    const sizes = { loyal: 80, lapsing: 100, online: 60, premium: 200 };
    const grown = clusterCustomers(plantedCustomers({ ...CENTRES, premium: NEW_CENTRE }, sizes, 3, 'e'), FEATURE_META, first);
    expect(grown.k).toBe(4);
    const before = segmentOfGroup(first);
    const after = segmentOfGroup(grown);
    for (const group of Object.keys(CENTRES)) expect(after.get(group)).toBe(before.get(group));
    expect(after.get('premium')).toBe(`seg-${first.nextSequence}`);
    expect(grown.nextSequence).toBe(first.nextSequence + 1);
  });

  it('gives the same result whatever the input order', () => {
    const rows = plantedCustomers(CENTRES, 60, 4);
    expect(clusterCustomers(shuffled(rows, 1), FEATURE_META)).toEqual(clusterCustomers(rows, FEATURE_META));
  });
});

describe('clusterCustomers edge cases', () => {
  it('measures the silhouette on a sample when there are many customers, and says so', () => {
    const result = clusterCustomers(plantedCustomers(CENTRES, 400, 5), FEATURE_META, undefined, { silhouetteSample: 300, fitSample: 500 });
    expect(result.criterion).toContain('on 300 of 1200 customers (seed 42), k-means fitted on 500 of them');
    expect(result.k).toBe(3);
    // Customers outside the fitting sample are assigned too, each planted group whole.
    expect(result.segments.map((s) => s.size)).toEqual([400, 400, 400]);
  });

  it('keeps customers with missing or non-finite features, placed at the population mean on that feature', () => {
    const rows = plantedCustomers(CENTRES, 50, 6);
    rows.push({ customerId: 'gap', features: { purchases_90d: 12, spend_90d: Number.NaN, store_share: 0.8 } });
    const result = clusterCustomers(rows, FEATURE_META);
    expect(result.assignments.find((a) => a.customerId === 'gap')?.segmentId).toBe(result.assignments.find((a) => a.customerId === 'c-loyal-0')?.segmentId);
  });

  it('makes one typical segment of identical customers', () => {
    const same = Array.from({ length: 5 }, (_, i) => ({
      customerId: `s${i}`,
      features: { purchases_90d: 2, spend_90d: 10, store_share: 0.5, churn_trend: 0 },
    }));
    const result = clusterCustomers(same, FEATURE_META);
    expect(result).toMatchObject({ k: 1, silhouette: null });
    expect(result.segments[0]).toMatchObject({ id: 'seg-1', size: 5, description: expect.stringContaining('typical') });
  });

  it('rejects empty input, metadata without features and a bad k range with a typed error', () => {
    expect(() => clusterCustomers([], FEATURE_META)).toThrow(SegmentationError);
    expect(() => clusterCustomers(plantedCustomers(CENTRES, 5, 1), {})).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(() => clusterCustomers(plantedCustomers(CENTRES, 5, 1), FEATURE_META, undefined, { kMin: 1 })).toThrow(SegmentationError);
  });
});
