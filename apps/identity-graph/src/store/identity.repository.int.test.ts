import { testStack, uniqueName } from '@c360/testing';
import type { Driver } from 'neo4j-driver';
import { IdentifierRegistry, type NormalisedIdentifier } from '@c360/identifiers';
import { createFellegiSunterMatcher } from '../domain/fellegi-sunter';
import { DEFAULT_MATCH_MODEL } from '../domain/comparison-model';
import { rulesFrom } from '../identity-setup';
import { CustomerReadRepository } from './customer-read.repository';
import { IdentityRepository } from './identity.repository';
import { createNeo4jDriver } from './neo4j-driver';

const stack = testStack();
let driver: Driver;
let identities: IdentityRepository;
let reads: CustomerReadRepository;

const registry = new IdentifierRegistry({ defaultRegion: 'US' });

function id(type: 'email' | 'phone' | 'anonymousId' | 'deviceId' | 'crmId', value: string): NormalisedIdentifier {
  const result = registry.normalise(type, value);
  if (!result.ok) throw new Error(result.reason);
  return result.identifier;
}

beforeAll(async () => {
  driver = createNeo4jDriver(stack.NEO4J_URI, stack.NEO4J_USER, stack.NEO4J_PASSWORD);
  identities = new IdentityRepository(driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(DEFAULT_MATCH_MODEL) });
  reads = new CustomerReadRepository(driver);
  await identities.ensureSchema();
});

afterAll(() => driver.close());

// Seven random digits after a valid exchange digit: a number no earlier test run is likely to own.
const randomPhone = () => `+1415${2 + Math.floor(Math.random() * 8)}${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`;

/** One touchpoint: a batch of one, as a job of one item or the retry of a refused batch sends it. */
async function resolve(messageId: string, identifiers: NormalisedIdentifier[]) {
  const [outcome] = await identities.resolveBatch([
    { messageId, channel: 'web', occurredAt: '2026-05-01T10:00:00Z', source: null, identifiers, traits: null, displayTraits: null, blockKeys: [] },
  ]);
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

describe('IdentityRepository.resolveBatch of one touchpoint at a time on Neo4j', () => {
  it('creates a customer for unknown identifiers and attaches new ones that arrive with a known one', async () => {
    const anon = id('anonymousId', uniqueName('anon'));
    const email = id('email', `${uniqueName('u')}@example.com`);
    const first = await resolve(uniqueName('m'), [anon]);
    expect(first).toMatchObject({ kind: 'create', changed: true, version: 1, lineage: [] });

    const second = await resolve(uniqueName('m'), [anon, email]);
    expect(second).toMatchObject({ kind: 'attach', customerId: first.customerId, changed: true, version: 2 });
    expect((await reads.identifiers(first.customerId)).map((i) => i.value).sort()).toEqual([anon.value, email.value].sort());
  });

  it('changes nothing, not even the version, when the same touchpoint is resolved again', async () => {
    const email = id('email', `${uniqueName('u')}@example.com`);
    const messageId = uniqueName('m');
    const first = await resolve(messageId, [email]);
    const again = await resolve(messageId, [email]);
    expect(again).toEqual({ ...first, changed: false, kind: 'replay' });
  });

  it('merges two customers that a touchpoint shows to be one, into the older, and records the merge', async () => {
    const anon = id('anonymousId', uniqueName('anon'));
    const phone = id('phone', randomPhone());
    const crm = id('crmId', uniqueName('crm'));
    const older = await resolve(uniqueName('m'), [anon]);
    const newer = await resolve(uniqueName('m'), [phone, crm]);
    expect(newer.customerId).not.toBe(older.customerId);

    const linking = uniqueName('m');
    const merged = await resolve(linking, [anon, crm]);
    expect(merged).toMatchObject({ kind: 'merge', customerId: older.customerId, lineage: [newer.customerId] });
    expect((await reads.identifiers(older.customerId)).map((i) => i.value).sort()).toEqual([anon.value, phone.value, crm.value].sort());

    const history = await reads.mergeHistory(older.customerId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ by: 'identity-resolver', rule: 'shared-identifier', absorbedCustomerIds: [newer.customerId] });
    expect(JSON.parse(history[0]!.evidence)).toEqual({ messageId: linking, identifierKeys: [crm.key, anon.key] });
    // The Merge node hangs off both sides, and the absorbed customer is kept for history.
    const links = await driver.executeQuery(
      'MATCH (s:Customer)<-[:INTO]-(m:Merge {id: $id})-[:ABSORBED]->(a:Customer) RETURN s.id AS s, a.id AS a, a.mergedInto AS into',
      { id: history[0]!.id },
    );
    expect(links.records.map((r) => r.toObject())).toEqual([{ s: older.customerId, a: newer.customerId, into: older.customerId }]);
    // The absorbed id still answers, with the survivor.
    expect((await reads.byId(newer.customerId))?.id).toBe(older.customerId);
  });

  it('follows chains: a customer absorbed by one later absorbed by another resolves to the last survivor', async () => {
    const [a, b, c] = [id('deviceId', uniqueName('d')), id('deviceId', uniqueName('d')), id('deviceId', uniqueName('d'))];
    const ca = await resolve(uniqueName('m'), [a]);
    const cb = await resolve(uniqueName('m'), [b]);
    const cc = await resolve(uniqueName('m'), [c]);
    await resolve(uniqueName('m'), [b, c]);
    const final = await resolve(uniqueName('m'), [a, c]);
    expect(final.customerId).toBe(ca.customerId);
    expect(final.lineage.sort()).toEqual([cb.customerId, cc.customerId].sort());
    expect((await reads.byId(cc.customerId))?.id).toBe(ca.customerId);
    expect(await reads.mergeHistory(ca.customerId)).toHaveLength(2);
  });

  it('creates one customer when twenty touchpoints sharing a new identifier arrive at once', async () => {
    const shared = id('email', `${uniqueName('u')}@example.com`);
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => resolve(uniqueName('m'), [shared, id('deviceId', uniqueName('dev'))])));
    expect(new Set(outcomes.map((o) => o.customerId)).size).toBe(1);
    expect(outcomes.filter((o) => o.kind === 'create')).toHaveLength(1);
    expect(await reads.identifiers(outcomes[0]!.customerId)).toHaveLength(21);
  });

  it('never creates two customers when overlapping touchpoints are resolved concurrently', async () => {
    const ids = Array.from({ length: 6 }, () => id('deviceId', uniqueName('dev')));
    // Each job carries two neighbouring identifiers: together they chain all six into one person.
    const jobs = Array.from({ length: 20 }, (_, i) => [ids[i % 6]!, ids[(i + 1) % 6]!]);
    await Promise.all(jobs.map((pair) => resolve(uniqueName('m'), pair)));
    const owners = await Promise.all(ids.map((i) => reads.byIdentifierKey(i.key)));
    expect(new Set(owners.map((o) => o?.id)).size).toBe(1);
    expect(await reads.identifiers(owners[0]!.id)).toHaveLength(6);
  });
});

describe('IdentityRepository merge protection and limits on Neo4j', () => {
  it('keeps two customers with different crmIds apart, attaches the touchpoint by priority and records the conflict', async () => {
    const [crmA, crmB] = [id('crmId', uniqueName('crm')), id('crmId', uniqueName('crm'))];
    const email = id('email', `${uniqueName('u')}@example.com`);
    const phone = id('phone', randomPhone());
    const a = await resolve(uniqueName('m'), [crmA, phone]);
    const b = await resolve(uniqueName('m'), [crmB, email]);
    const linking = uniqueName('m');

    const outcome = await resolve(linking, [phone, email]);
    // The email outranks the phone: the touchpoint goes to B, and A stays a customer of its own.
    expect(outcome).toMatchObject({
      kind: 'attach',
      customerId: b.customerId,
      conflicts: [{ otherCustomerId: a.customerId, type: 'crmId', reason: 'unique-identifier' }],
    });
    expect((await reads.byId(a.customerId))?.id).toBe(a.customerId);
    const conflicts = await reads.conflicts(a.customerId);
    expect(conflicts).toEqual([expect.objectContaining({ identifierType: 'crmId', customerIds: [b.customerId, a.customerId], messageId: linking })]);
    expect(await reads.conflicts(b.customerId)).toHaveLength(1);
  });

  it('merges when only one side holds the unique identifier', async () => {
    const crm = id('crmId', uniqueName('crm'));
    const device = id('deviceId', uniqueName('dev'));
    const a = await resolve(uniqueName('m'), [crm]);
    await resolve(uniqueName('m'), [device]);
    expect(await resolve(uniqueName('m'), [crm, device])).toMatchObject({ kind: 'merge', customerId: a.customerId, conflicts: [] });
  });

  it('stores no more identifiers of a type than the limit, and says which were skipped', async () => {
    const crm = id('crmId', uniqueName('crm'));
    const other = id('crmId', uniqueName('crm'));
    const first = await resolve(uniqueName('m'), [crm]);
    const second = await resolve(uniqueName('m'), [crm, other]);
    expect(second).toMatchObject({ customerId: first.customerId, skipped: [{ key: other.key, reason: 'unique-identifier' }] });
    expect((await reads.identifiers(first.customerId)).map((i) => i.value)).toEqual([crm.value]);
    expect(await reads.byIdentifierKey(other.key)).toBeNull();
  });
});
