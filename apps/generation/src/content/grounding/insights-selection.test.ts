import { schemaSource } from '@c360/supergraph';
import { INSIGHTS_EXTENSION_SDL } from '../../testing/fake-subgraphs';
import { INSIGHTS_FIELDS } from './insights-facts';
import { customerSelection } from './insights-selection';

const wanted = Object.keys(INSIGHTS_FIELDS);

describe('reading insights through its schema of the moment', () => {
  it('asks today’s insights only for what it serves', () => {
    const { selection, present } = customerSelection(schemaSource('insights'), wanted);
    expect(present).toEqual(['engagement', 'segment', 'predictions']);
    expect(selection).toContain('engagement { touchCount firstSeenAt lastSeenAt lastChannel channels { channel touchCount lastSeenAt } withheld }');
    expect(selection).toContain('segment { id description assignedAt }');
    expect(selection).toMatch(/predictions \{ withheld scores \{ kind score band /);
  });

  it('picks up fields other branches add, reading every leaf of their shape', () => {
    const { selection, present } = customerSelection(schemaSource('insights') + INSIGHTS_EXTENSION_SDL, wanted);
    expect(present).toEqual(['engagement', 'segment', 'predictions', 'nextBestAction']);
    expect(selection).toContain('nextBestAction { action { id name offer } channel holdout }');
  });

  it('skips fields that need arguments and stops at the depth limit', () => {
    const sdl = `type Customer { id: ID! segment(asOf: String!): Seg predictions: [P!]! } type Seg { name: String } type P { a: A } type A { b: B } type B { c: C } type C { d: String }`;
    const { selection, present } = customerSelection(sdl, wanted);
    expect(present).toEqual(['predictions']);
    expect(selection).toBe('');
  });
});

describe('insights readers', () => {
  it('tolerate absent and unexpected shapes', () => {
    expect(INSIGHTS_FIELDS['engagement']?.({ withheld: true, touchCount: 3 }).facts).toEqual([]);
    expect(INSIGHTS_FIELDS['segment']?.('loyal').facts).toEqual([{ source: 'insights', key: 'segment', value: 'loyal' }]);
    expect(INSIGHTS_FIELDS['predictions']?.({ churn: { band: 'HIGH' } }).facts).toEqual([{ source: 'insights', key: 'prediction_churn', value: 'high' }]);
    expect(INSIGHTS_FIELDS['predictions']?.({ withheld: false, scores: [{ kind: 'CHURN', band: 'HIGH' }] }).facts).toEqual([
      { source: 'insights', key: 'prediction_churn', value: 'high' },
    ]);
    expect(INSIGHTS_FIELDS['predictions']?.({ withheld: true, scores: [{ kind: 'CHURN', band: 'HIGH' }] }).facts).toEqual([]);
    expect(INSIGHTS_FIELDS['nextBestAction']?.({ holdout: true, action: { name: 'x' } })).toEqual({ facts: [], offers: [] });
    expect(INSIGHTS_FIELDS['nextBestAction']?.({ action: { name: '[masked]' } })).toEqual({ facts: [], offers: [] });
  });
});
