import type { PersonTraits } from '@c360/contracts';
import type { RecordMatcher } from './match-decision';
import { BatchPlanner, type BatchItem, type BatchState, type KnownCustomer } from './plan-batch';
import type { TypeRule } from './plan-resolution';

const RULES: Record<string, TypeRule> = {
  crmId: { priority: 100, limit: 1, unique: true, links: true },
  email: { priority: 80, limit: 5, unique: false, links: true },
  deviceId: { priority: 40, limit: 3, unique: false, links: true },
};
const rules = (type: string) => RULES[type] ?? { priority: 0, limit: 10, unique: false, links: false };
const NOW = new Date('2026-06-01T10:00:00Z');

/** A stand-in for the Fellegi–Sunter model with rules a reader can check: same family name matches, same given name only needs review. */
const matcher: RecordMatcher = (traits, candidates) => {
  const same = candidates.find((c) => c.traits.familyName === traits.familyName);
  if (same) return { kind: 'match', customerId: same.customerId, score: 12, comparisons: [], candidateMessageId: same.messageId };
  const near = candidates.find((c) => c.traits.givenName === traits.givenName);
  if (near) return { kind: 'review', customerId: near.customerId, score: 3, comparisons: [], candidateMessageId: near.messageId };
  return { kind: 'none', score: null };
};

function item(messageId: string, keys: string[], extra: Partial<BatchItem> = {}): BatchItem {
  return { messageId, identifiers: keys.map((key) => ({ key, type: key.slice(0, key.indexOf(':')) })), traits: null, blockKeys: [], replayOf: null, ...extra };
}

const person = (givenName: string, familyName: string): Partial<BatchItem> => ({
  traits: { givenName, familyName } as PersonTraits,
  blockKeys: [`yob:${familyName[0]}`],
});

function known(customerId: string, identifierKeys: string[], version = 3, extra: Partial<KnownCustomer> = {}): KnownCustomer {
  return { customerId, createdAt: new Date(`2026-01-0${customerId.slice(-1)}T00:00:00Z`), identifierKeys, separatedFrom: [], version, lineage: [], ...extra };
}

function planner(customers: KnownCustomer[] = [], blocks: BatchState['blocks'] = new Map()) {
  let n = 0;
  const owners = new Map(customers.flatMap((c) => c.identifierKeys.map((k): [string, string] => [k, c.customerId])));
  return new BatchPlanner(
    { owners, customers: new Map(customers.map((c) => [c.customerId, c])), blocks },
    { rules, matcher, newId: () => `new-${++n}`, now: NOW },
  );
}

const summary = (p: BatchPlanner) => p.plannedOutcomes().map((o) => [o.customerId, o.kind, o.version, o.changed]);

describe('BatchPlanner', () => {
  it('creates one customer for touchpoints that share a new identifier, raising its version per change', () => {
    const p = planner();
    const items = [item('m1', ['email:a@x.com']), item('m2', ['email:a@x.com', 'deviceId:d1']), item('m3', ['deviceId:d1'])];
    expect(p.planFrom(items, 0)).toBeNull();
    expect(summary(p)).toEqual([
      ['new-1', 'create', 1, true],
      ['new-1', 'attach', 2, true],
      // Nothing new: the version stays.
      ['new-1', 'attach', 2, false],
    ]);
    const writes = p.takeWrites();
    expect(writes.links.map((l) => [l.holderId, l.key, l.messageId])).toEqual([
      ['new-1', 'email:a@x.com', 'm1'],
      ['new-1', 'deviceId:d1', 'm2'],
    ]);
    expect(writes.customers).toEqual([{ customerId: 'new-1', version: 2 }]);
  });

  it('attaches to a customer already in the graph, from its version, and writes it once', () => {
    const p = planner([known('c1', ['email:a@x.com'])]);
    expect(
      p.planFrom([item('m1', ['email:a@x.com', 'deviceId:d9']), item('m2', ['deviceId:d9'], { traits: { givenName: 'Ann' } as PersonTraits })], 0),
    ).toBeNull();
    expect(p.plannedOutcomes().map((o) => [o.customerId, o.version])).toEqual([
      ['c1', 4],
      ['c1', 5],
    ]);
    expect(p.takeWrites().customers).toEqual([{ customerId: 'c1', version: 5 }]);
    expect(p.takeWrites()).toEqual({ customers: [], absorbed: [], links: [], touchpoints: [], blockEntries: [], merges: [], conflicts: [], reviews: [] });
  });

  it('merges customers a touchpoint shows to be one into the oldest, recording the merge, and plans on with the survivor holding everything', () => {
    const p = planner([known('c1', ['email:a@x.com'], 3, { lineage: ['c0'] }), known('c2', ['deviceId:d2'], 6, { lineage: ['c5'] })]);
    const items = [
      item('m1', ['deviceId:d2']),
      item('m2', ['email:a@x.com', 'deviceId:d2', 'deviceId:d3']),
      item('m3', ['deviceId:d2']),
      item('m2', ['email:a@x.com']),
    ];
    expect(p.planFrom(items, 0)).toBeNull();
    expect(summary(p)).toEqual([
      ['c2', 'attach', 6, false],
      ['c1', 'merge', 4, true],
      ['c1', 'attach', 4, false],
      ['c1', 'replay', 4, false],
    ]);
    expect(p.plannedOutcomes()[1]!.lineage).toEqual(['c0', 'c2', 'c5']);
    const writes = p.takeWrites();
    expect(writes.absorbed).toEqual([{ id: 'c2', rootId: 'c1' }]);
    expect(writes.merges).toEqual([
      expect.objectContaining({
        survivorId: 'c1',
        absorbedIds: ['c2'],
        rule: 'shared-identifier',
        score: null,
        absorbedLineage: JSON.stringify({ c2: ['c5'] }),
      }),
    ]);
    expect(JSON.parse(writes.merges[0]!.evidence)).toEqual({ messageId: 'm2', identifierKeys: ['email:a@x.com', 'deviceId:d2'] });
    // The touchpoint planned to c2 before the merge is written to c1, remembering c2.
    expect(writes.touchpoints.map((t) => [t.messageId, t.holderId, t.originId])).toEqual([
      ['m1', 'c1', 'c2'],
      ['m2', 'c1', 'c1'],
      ['m3', 'c1', 'c1'],
    ]);
    expect(writes.links).toEqual([{ holderId: 'c1', originId: 'c1', key: 'deviceId:d3', messageId: 'm2' }]);
  });

  it('writes a chain of merges in one batch as moves to the last survivor, with one record per merge', () => {
    const p = planner([known('c1', ['crmId:1']), known('c2', ['email:b@x.com']), known('c3', ['deviceId:d3'])]);
    const items = [item('m1', ['email:b@x.com', 'deviceId:d3']), item('m2', ['crmId:1', 'deviceId:d3'])];
    expect(p.planFrom(items, 0)).toBeNull();
    expect(summary(p)).toEqual([
      ['c2', 'merge', 4, true],
      ['c1', 'merge', 4, true],
    ]);
    const writes = p.takeWrites();
    expect(writes.absorbed).toEqual([
      { id: 'c3', rootId: 'c1' },
      { id: 'c2', rootId: 'c1' },
    ]);
    expect(writes.merges.map((m) => [m.survivorId, m.absorbedIds, m.absorbedLineage])).toEqual([
      ['c2', ['c3'], JSON.stringify({ c3: [] })],
      ['c1', ['c2'], JSON.stringify({ c2: ['c3'] })],
    ]);
    // c2's version rose before it was absorbed: that is written too.
    expect(writes.customers).toEqual(
      expect.arrayContaining([
        { customerId: 'c1', version: 4 },
        { customerId: 'c2', version: 4 },
      ]),
    );
    expect(p.plannedOutcomes()[1]!.lineage).toEqual(['c2', 'c3']);
  });

  it('records a conflict between unique identifiers and keeps the customers apart', () => {
    const p = planner([known('c1', ['crmId:A']), known('c2', ['crmId:B', 'email:b@x.com'])]);
    expect(p.planFrom([item('m1', ['crmId:A', 'email:b@x.com'])], 0)).toBeNull();
    expect(summary(p)).toEqual([['c1', 'attach', 3, false]]);
    const writes = p.takeWrites();
    expect(writes.conflicts).toEqual([
      { customerId: 'c1', messageId: 'm1', otherCustomerId: 'c2', type: 'crmId', reason: 'unique-identifier', viaKey: 'email:b@x.com' },
    ]);
    expect(writes.merges).toEqual([]);
  });

  it('matches a new record probabilistically against stored records and earlier records of the batch, merging its new customer into the match', () => {
    const stored = { messageId: 's1', customerId: 'c1', traits: { givenName: 'Ann', familyName: 'Lee' } as PersonTraits };
    const p = planner([known('c1', ['email:a@x.com'])], new Map([['yob:L', [stored]]]));
    const items = [
      item('m1', ['deviceId:n1'], person('Ann', 'Lee')),
      item('m2', [], person('Bo', 'Kay')),
      item('m3', ['deviceId:n3'], person('Cy', 'Kay')),
      item('m4', ['deviceId:n4'], person('Bo', 'Kinsey')),
    ];
    expect(p.planFrom(items, 0)).toBeNull();
    expect(summary(p)).toEqual([
      ['c1', 'probabilistic', 4, true],
      ['new-3', 'create', 1, true],
      ['new-3', 'probabilistic', 2, true],
      ['new-6', 'review', 1, true],
    ]);
    const writes = p.takeWrites();
    expect(writes.merges.map((m) => [m.survivorId, m.absorbedIds, m.rule, m.score])).toEqual([
      ['c1', ['new-1'], 'probabilistic', 12],
      ['new-3', ['new-4'], 'probabilistic', 12],
    ]);
    expect(JSON.parse(writes.merges[0]!.evidence)).toMatchObject({ messageId: 'm1', matchedMessageId: 's1' });
    // The new customer is written (at version 0) for the merge record, and its identifier goes to the match.
    expect(writes.customers).toEqual(
      expect.arrayContaining([
        { customerId: 'new-1', version: 0 },
        { customerId: 'c1', version: 4 },
      ]),
    );
    expect(writes.links).toContainEqual({ holderId: 'c1', originId: 'new-1', key: 'deviceId:n1', messageId: 'm1' });
    expect(writes.reviews).toEqual([{ subjectId: 'new-6', candidateId: 'new-3', messageId: 'm4', score: 3, comparisons: '[]' }]);
    expect(writes.blockEntries.map((e) => e.messageId)).toEqual(['m1', 'm2', 'm3', 'm4']);
  });

  it('stops before a probabilistic match with a customer it has not read, and plans on once it is known', () => {
    const stored = { messageId: 's9', customerId: 'c9', traits: { givenName: 'Di', familyName: 'Ng' } as PersonTraits };
    const p = planner([], new Map([['yob:N', [stored]]]));
    const items = [item('m1', ['email:new@x.com']), item('m2', ['deviceId:z'], person('Di', 'Ng'))];
    expect(p.planFrom(items, 0)).toEqual({ index: 1, customerId: 'c9' });
    expect(summary(p)).toEqual([['new-1', 'create', 1, true]]);
    p.know(known('c9', ['crmId:9'], 2));
    expect(p.planFrom(items, 1)).toBeNull();
    expect(summary(p)).toEqual([
      ['new-1', 'create', 1, true],
      ['c9', 'probabilistic', 3, true],
    ]);
  });

  it('names up front the unread customers that stored records would match, so they can be read together', () => {
    const records = [
      { messageId: 's9', customerId: 'c9', traits: { givenName: 'Di', familyName: 'Ng' } as PersonTraits },
      { messageId: 's8', customerId: 'c1', traits: { givenName: 'Al', familyName: 'Nye' } as PersonTraits },
    ];
    const p = planner([known('c1', ['email:a@x.com'])], new Map([['yob:N', records]]));
    const items = [
      item('m1', ['deviceId:z'], person('Di', 'Ng')),
      item('m2', [], person('Al', 'Nye')),
      item('m3', [], person('Ed', 'Orr')),
      item('m4', ['deviceId:y']),
    ];
    // c1 is read already; Ed Orr matches nobody; m4 has no traits.
    expect(p.likelyMatches(items)).toEqual(['c9']);
    p.know(known('c9', [], 1));
    expect(p.planFrom(items, 0)).toBeNull();
    expect(summary(p).map(([customerId, kind]) => [customerId, kind])).toEqual([
      ['c9', 'probabilistic'],
      ['c1', 'probabilistic'],
      ['new-5', 'create'],
      ['new-6', 'create'],
    ]);
  });

  it('keeps a matched record apart when joining would give the customer two values of a unique identifier', () => {
    const stored = { messageId: 's1', customerId: 'c1', traits: { givenName: 'Ann', familyName: 'Lee' } as PersonTraits };
    const p = planner([known('c1', ['crmId:A'])], new Map([['yob:L', [stored]]]));
    expect(p.planFrom([item('m1', ['crmId:B'], person('Ann', 'Lee'))], 0)).toBeNull();
    expect(summary(p)).toEqual([['new-1', 'create', 1, true]]);
    expect(p.takeWrites().conflicts).toEqual([
      { customerId: 'new-1', messageId: 'm1', otherCustomerId: 'c1', type: 'crmId', reason: 'unique-identifier', viaKey: 'traits' },
    ]);
  });

  it('answers a replay, in the graph or earlier in the batch, with its customer as it now stands', () => {
    const p = planner([known('c1', ['email:a@x.com'], 7), known('c2', ['deviceId:d2'])]);
    const items = [
      item('m0', ['deviceId:zz'], { replayOf: 'c2' }),
      item('m1', ['email:new@x.com']),
      item('m1', ['email:new@x.com']),
      item('m2', ['email:a@x.com', 'deviceId:d2']),
      item('m0', [], { replayOf: 'c2' }),
    ];
    expect(p.planFrom(items, 0)).toBeNull();
    expect(summary(p)).toEqual([
      ['c2', 'replay', 3, false],
      ['new-1', 'create', 1, true],
      ['new-1', 'replay', 1, false],
      ['c1', 'merge', 8, true],
      // c2 was merged away meanwhile: the replay follows its touchpoint to c1.
      ['c1', 'replay', 8, false],
    ]);
  });
});
