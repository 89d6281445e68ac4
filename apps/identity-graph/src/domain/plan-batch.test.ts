import { BatchPlanner, type BatchItem, type KnownCustomer } from './plan-batch';
import type { TypeRule } from './plan-resolution';

const RULES: Record<string, TypeRule> = {
  crmId: { priority: 100, limit: 1, unique: true, links: true },
  email: { priority: 80, limit: 5, unique: false, links: true },
  deviceId: { priority: 40, limit: 3, unique: false, links: true },
};
const rules = (type: string) => RULES[type] ?? { priority: 0, limit: 10, unique: false, links: false };
const NOW = new Date('2026-06-01T10:00:00Z');

function item(messageId: string, keys: string[], extra: Partial<BatchItem> = {}): BatchItem {
  return { messageId, identifiers: keys.map((key) => ({ key, type: key.slice(0, key.indexOf(':')) })), hasTraits: false, matchesProbabilistically: false, replayOf: null, ...extra };
}

function known(customerId: string, identifierKeys: string[], version = 3, extra: Partial<KnownCustomer> = {}): KnownCustomer {
  return { customerId, createdAt: new Date('2026-01-01T00:00:00Z'), identifierKeys, separatedFrom: [], version, lineage: [], ...extra };
}

function planner(customers: KnownCustomer[] = []) {
  let n = 0;
  const owners = new Map(customers.flatMap((c) => c.identifierKeys.map((k): [string, string] => [k, c.customerId])));
  return new BatchPlanner({ owners, customers: new Map(customers.map((c) => [c.customerId, c])) }, rules, () => `new-${++n}`, NOW);
}

describe('BatchPlanner', () => {
  it('creates one customer for touchpoints that share a new identifier, raising its version per change', () => {
    const p = planner();
    const items = [item('m1', ['email:a@x.com']), item('m2', ['email:a@x.com', 'deviceId:d1']), item('m3', ['deviceId:d1'])];
    expect(p.planFrom(items, 0)).toBeNull();
    const { planned, customers } = p.takeWrites();
    expect(planned.map((x) => [x.customerId, x.kind, x.version, x.changed])).toEqual([
      ['new-1', 'create', 1, true],
      ['new-1', 'attach', 2, true],
      // Nothing new: the version stays.
      ['new-1', 'attach', 2, false],
    ]);
    expect(planned[1]!.linkKeys).toEqual(['deviceId:d1']);
    expect(customers).toEqual([{ customerId: 'new-1', version: 2 }]);
  });

  it('attaches to a customer already in the graph, from its version, and writes it once', () => {
    const p = planner([known('c1', ['email:a@x.com'])]);
    expect(p.planFrom([item('m1', ['email:a@x.com', 'deviceId:d9']), item('m2', ['deviceId:d9'], { hasTraits: true })], 0)).toBeNull();
    const writes = p.takeWrites();
    expect(writes.planned.map((x) => [x.customerId, x.version])).toEqual([
      ['c1', 4],
      ['c1', 5],
    ]);
    expect(writes.customers).toEqual([{ customerId: 'c1', version: 5 }]);
    expect(p.takeWrites()).toEqual({ planned: [], customers: [] });
  });

  it('stops at a touchpoint that would merge customers, keeping what came before it planned', () => {
    const p = planner([known('c1', ['email:a@x.com']), known('c2', ['deviceId:d2'])]);
    const items = [item('m1', ['email:a@x.com']), item('m2', ['email:a@x.com', 'deviceId:d2']), item('m3', ['deviceId:d2'])];
    expect(p.planFrom(items, 0)).toBe(1);
    expect(p.takeWrites().planned.map((x) => x.messageId)).toEqual(['m1']);
  });

  it('stops at a conflict between unique identifiers, and at a new customer that probabilistic matching must see', () => {
    const p = planner([known('c1', ['crmId:A']), known('c2', ['crmId:B', 'email:b@x.com'])]);
    expect(p.planFrom([item('m1', ['crmId:A', 'email:b@x.com'])], 0)).toBe(0);
    expect(p.planFrom([item('m2', [], { hasTraits: true, matchesProbabilistically: true })], 0)).toBe(0);
    // Traits alongside a known identifier attach as usual.
    expect(p.planFrom([item('m3', ['crmId:A'], { hasTraits: true, matchesProbabilistically: true })], 0)).toBeNull();
  });

  it('answers a replay, in the graph or earlier in the batch, with its customer and no change', () => {
    const p = planner([known('c1', ['email:a@x.com'], 7)]);
    const items = [item('m0', ['deviceId:zz'], { replayOf: 'c1' }), item('m1', ['email:new@x.com']), item('m1', ['email:new@x.com'])];
    expect(p.planFrom(items, 0)).toBeNull();
    expect(p.takeWrites().planned.map((x) => [x.customerId, x.kind, x.version, x.changed])).toEqual([
      ['c1', 'replay', 7, false],
      ['new-1', 'create', 1, true],
      ['new-1', 'replay', 1, false],
    ]);
  });

  it('plans on from where a touchpoint resolved on its own left the graph: merged-away customers and their identifiers belong to the survivor', () => {
    const p = planner([known('c1', ['email:a@x.com']), known('c2', ['deviceId:d2'])]);
    const items = [item('m1', ['email:a@x.com', 'deviceId:d2']), item('m2', ['deviceId:d2']), item('m1', ['email:a@x.com'])];
    expect(p.planFrom(items, 0)).toBe(0);
    p.takeWrites();
    p.settle('m1', known('c1', ['email:a@x.com', 'deviceId:d2'], 9, { lineage: ['c2'] }));
    expect(p.planFrom(items, 1)).toBeNull();
    expect(p.takeWrites().planned.map((x) => [x.customerId, x.kind, x.version, x.lineage])).toEqual([
      ['c1', 'attach', 9, ['c2']],
      ['c1', 'replay', 9, ['c2']],
    ]);
  });

  it('stops at a replay whose customer was merged away meanwhile, for the full path to follow the touchpoint', () => {
    const p = planner([known('c1', ['email:a@x.com'])]);
    p.settle('other', known('c9', ['email:a@x.com'], 2, { lineage: ['c1'] }));
    expect(p.planFrom([item('m1', [], { replayOf: 'c1' })], 0)).toBe(0);
  });
});
