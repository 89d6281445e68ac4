import { testStack, uniqueName } from '@c360/testing';
import type { Driver } from 'neo4j-driver';
import { normaliseIdentifier, type NormalisedIdentifier } from '@c360/identifiers';
import { CustomerReadRepository } from './customer-read.repository';
import { IdentityRepository } from './identity.repository';
import { createNeo4jDriver } from './neo4j-driver';

const stack = testStack();
let driver: Driver;
let identities: IdentityRepository;
let reads: CustomerReadRepository;

function id(type: 'email' | 'phone' | 'anonymousId' | 'deviceId' | 'crmId', value: string): NormalisedIdentifier {
  const result = normaliseIdentifier(type, value, 'US');
  if (!result.ok) throw new Error(result.reason);
  return result.identifier;
}

beforeAll(async () => {
  driver = createNeo4jDriver(stack.NEO4J_URI, stack.NEO4J_USER, stack.NEO4J_PASSWORD);
  identities = new IdentityRepository(driver);
  reads = new CustomerReadRepository(driver);
  await identities.ensureSchema();
});

afterAll(() => driver.close());

describe('IdentityRepository.resolve on Neo4j', () => {
  it('creates a customer for unknown identifiers and attaches new ones that arrive with a known one', async () => {
    const anon = id('anonymousId', uniqueName('anon'));
    const email = id('email', `${uniqueName('u')}@example.com`);
    const first = await identities.resolve(uniqueName('m'), [anon]);
    expect(first).toMatchObject({ plan: 'create', changed: true, version: 1, lineage: [] });

    const second = await identities.resolve(uniqueName('m'), [anon, email]);
    expect(second).toMatchObject({ plan: 'attach', customerId: first.customerId, changed: true, version: 2 });
    expect((await reads.identifiers(first.customerId)).map((i) => i.value).sort()).toEqual([anon.value, email.value].sort());
  });

  it('changes nothing, not even the version, when the same identifiers are resolved again', async () => {
    const email = id('email', `${uniqueName('u')}@example.com`);
    const first = await identities.resolve('m1', [email]);
    const again = await identities.resolve('m1', [email]);
    expect(again).toEqual({ ...first, changed: false, plan: 'attach' });
  });

  it('merges two customers that a touchpoint shows to be one, into the older, and records the merge', async () => {
    const anon = id('anonymousId', uniqueName('anon'));
    const phone = id('phone', `+1415555${String(Math.floor(Math.random() * 9000) + 1000)}`);
    const crm = id('crmId', uniqueName('crm'));
    const older = await identities.resolve(uniqueName('m'), [anon]);
    const newer = await identities.resolve(uniqueName('m'), [phone, crm]);
    expect(newer.customerId).not.toBe(older.customerId);

    const linking = uniqueName('m');
    const merged = await identities.resolve(linking, [anon, crm]);
    expect(merged).toMatchObject({ plan: 'merge', customerId: older.customerId, lineage: [newer.customerId] });
    expect((await reads.identifiers(older.customerId)).map((i) => i.value).sort()).toEqual([anon.value, phone.value, crm.value].sort());

    const history = await reads.mergeHistory(older.customerId);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ by: 'identity-resolver', rule: 'shared-identifier', absorbedCustomerIds: [newer.customerId] });
    expect(JSON.parse(history[0]!.evidence)).toEqual({ messageId: linking, identifierKeys: [anon.key, crm.key].sort() });
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
    const ca = await identities.resolve(uniqueName('m'), [a]);
    const cb = await identities.resolve(uniqueName('m'), [b]);
    const cc = await identities.resolve(uniqueName('m'), [c]);
    await identities.resolve(uniqueName('m'), [b, c]);
    const final = await identities.resolve(uniqueName('m'), [a, c]);
    expect(final.customerId).toBe(ca.customerId);
    expect(final.lineage.sort()).toEqual([cb.customerId, cc.customerId].sort());
    expect((await reads.byId(cc.customerId))?.id).toBe(ca.customerId);
    expect(await reads.mergeHistory(ca.customerId)).toHaveLength(2);
  });

  it('creates one customer when twenty touchpoints sharing a new identifier arrive at once', async () => {
    const shared = id('email', `${uniqueName('u')}@example.com`);
    const outcomes = await Promise.all(
      Array.from({ length: 20 }, () => identities.resolve(uniqueName('m'), [shared, id('deviceId', uniqueName('dev'))])),
    );
    expect(new Set(outcomes.map((o) => o.customerId)).size).toBe(1);
    expect(outcomes.filter((o) => o.plan === 'create')).toHaveLength(1);
    expect(await reads.identifiers(outcomes[0]!.customerId)).toHaveLength(21);
  });

  it('never creates two customers when overlapping touchpoints are resolved concurrently', async () => {
    const ids = Array.from({ length: 6 }, () => id('deviceId', uniqueName('dev')));
    // Each job carries two neighbouring identifiers: together they chain all six into one person.
    const jobs = Array.from({ length: 20 }, (_, i) => [ids[i % 6]!, ids[(i + 1) % 6]!]);
    await Promise.all(jobs.map((pair) => identities.resolve(uniqueName('m'), pair)));
    const owners = await Promise.all(ids.map((i) => reads.byIdentifierKey(i.key)));
    expect(new Set(owners.map((o) => o?.id)).size).toBe(1);
    expect(await reads.identifiers(owners[0]!.id)).toHaveLength(6);
  });
});
