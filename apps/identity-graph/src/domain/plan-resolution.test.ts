import { planResolution, type OwnerState, type TouchpointIdentifier, type TypeRule } from './plan-resolution';

const RULES: Record<string, TypeRule> = {
  crmId: { priority: 100, limit: 1, unique: true, links: true },
  email: { priority: 70, limit: 2, unique: false, links: true },
  phone: { priority: 60, limit: 5, unique: false, links: true },
  deviceId: { priority: 40, limit: 20, unique: false, links: true },
  postalAddress: { priority: 5, limit: 5, unique: false, links: false },
};
const rules = (type: string) => RULES[type]!;

function owner(customerId: string, created: string, identifierKeys: string[] = [], separatedFrom: string[] = []): OwnerState {
  return { customerId, createdAt: new Date(created), identifierKeys, separatedFrom };
}
function id(key: string, ownerId: string | null = null): TouchpointIdentifier {
  return { key, type: key.slice(0, key.indexOf(':')), ownerId };
}
function plan(identifiers: TouchpointIdentifier[], owners: OwnerState[] = []) {
  return planResolution({ identifiers, owners: new Map(owners.map((o) => [o.customerId, o])), rules });
}

const older = owner('c-old', '2026-01-01T00:00:00Z', ['email:a@x.io']);
const newer = owner('c-new', '2026-02-01T00:00:00Z', ['deviceId:d1']);

describe('planResolution: shared identifiers', () => {
  it('creates a customer when no identifier is known', () => {
    expect(plan([id('email:a@x.io')])).toEqual({ kind: 'create', linkKeys: ['email:a@x.io'], skipped: [], conflicts: [] });
  });

  it('attaches new identifiers to the one customer owning the others', () => {
    expect(plan([id('email:a@x.io', 'c-old'), id('phone:+14155550101')], [older])).toMatchObject({
      kind: 'attach',
      customerId: 'c-old',
      linkKeys: ['phone:+14155550101'],
    });
  });

  it('changes nothing for identifiers already linked', () => {
    expect(plan([id('email:a@x.io', 'c-old')], [older])).toMatchObject({ kind: 'attach', customerId: 'c-old', linkKeys: [] });
  });

  it('merges into the oldest customer, whatever the order of identifiers', () => {
    const a = plan([id('deviceId:d1', 'c-new'), id('email:a@x.io', 'c-old'), id('phone:+1')], [older, newer]);
    const b = plan([id('phone:+1'), id('email:a@x.io', 'c-old'), id('deviceId:d1', 'c-new')], [newer, older]);
    expect(a).toMatchObject({ kind: 'merge', survivorId: 'c-old', absorbedIds: ['c-new'], linkKeys: ['phone:+1'] });
    expect(b).toEqual(a);
  });

  it('breaks a tie in creation time by id', () => {
    const at = '2026-01-01T00:00:00Z';
    expect(plan([id('deviceId:k1', 'b'), id('deviceId:k2', 'a')], [owner('b', at, ['deviceId:k1']), owner('a', at, ['deviceId:k2'])])).toMatchObject({
      kind: 'merge',
      survivorId: 'a',
      absorbedIds: ['b'],
      evidenceKeys: ['deviceId:k1', 'deviceId:k2'],
    });
  });
});

describe('planResolution: merge protection', () => {
  const crmA = owner('A', '2026-01-01T00:00:00Z', ['crmId:1', 'email:a@x.io']);
  const crmB = owner('B', '2026-02-01T00:00:00Z', ['crmId:2', 'phone:+1']);

  it('never merges two customers holding different crmIds, and records the conflict', () => {
    const p = plan([id('email:a@x.io', 'A'), id('phone:+1', 'B')], [crmA, crmB]);
    expect(p).toMatchObject({
      kind: 'attach',
      customerId: 'A',
      conflicts: [{ otherCustomerId: 'B', type: 'crmId', reason: 'unique-identifier', viaKey: 'phone:+1' }],
    });
  });

  it('gives the touchpoint to the owner of its highest-priority identifier', () => {
    // The email outranks the phone, so B (holding the email here) wins, though A is older.
    const a = owner('A', '2026-01-01T00:00:00Z', ['crmId:1', 'phone:+1']);
    const b = owner('B', '2026-02-01T00:00:00Z', ['crmId:2', 'email:b@x.io']);
    expect(plan([id('phone:+1', 'A'), id('email:b@x.io', 'B')], [a, b])).toMatchObject({
      kind: 'attach',
      customerId: 'B',
      conflicts: [{ otherCustomerId: 'A' }],
    });
  });

  it('merges customers when only one of them holds the unique identifier', () => {
    expect(plan([id('email:a@x.io', 'A'), id('deviceId:d1', 'c-new')], [crmA, newer])).toMatchObject({ kind: 'merge', survivorId: 'A', conflicts: [] });
  });

  it('keeps a touchpoint carrying a second crmId away from a customer that has one', () => {
    const p = plan([id('crmId:9'), id('email:a@x.io', 'A')], [crmA]);
    expect(p).toMatchObject({ kind: 'create', linkKeys: ['crmId:9'], conflicts: [{ otherCustomerId: 'A', type: 'crmId' }] });
  });

  it('links only one of two crmIds a single touchpoint carries', () => {
    expect(plan([id('crmId:1'), id('crmId:2')])).toMatchObject({
      kind: 'create',
      linkKeys: ['crmId:1'],
      skipped: [{ key: 'crmId:2', reason: 'unique-identifier' }],
    });
  });

  it('does not re-merge customers whose merge was undone', () => {
    const a = owner('A', '2026-01-01T00:00:00Z', ['deviceId:a'], ['B']);
    const b = owner('B', '2026-02-01T00:00:00Z', ['deviceId:b']);
    expect(plan([id('deviceId:a', 'A'), id('deviceId:b', 'B')], [a, b])).toMatchObject({
      kind: 'attach',
      customerId: 'A',
      conflicts: [{ otherCustomerId: 'B', reason: 'separated' }],
    });
  });
});

describe('planResolution: limits and non-linking types', () => {
  it('links no more identifiers of a type than its per-customer limit', () => {
    const full = owner('A', '2026-01-01T00:00:00Z', ['email:1@x.io', 'email:2@x.io']);
    expect(plan([id('email:1@x.io', 'A'), id('email:3@x.io')], [full])).toMatchObject({
      kind: 'attach',
      linkKeys: [],
      skipped: [{ key: 'email:3@x.io', reason: 'limit' }],
    });
    expect(plan([id('email:1@x.io'), id('email:2@x.io'), id('email:3@x.io')])).toMatchObject({ linkKeys: ['email:1@x.io', 'email:2@x.io'] });
  });

  it('does not link customers by a shared postal address, a household shares it', () => {
    const a = owner('A', '2026-01-01T00:00:00Z', ['postalAddress:1 main street']);
    expect(plan([id('postalAddress:1 main street', 'A'), id('email:z@x.io')], [a])).toMatchObject({
      kind: 'create',
      linkKeys: ['email:z@x.io', 'postalAddress:1 main street'],
    });
  });
});
