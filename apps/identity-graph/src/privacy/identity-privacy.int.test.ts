import { IdentifierRegistry, type NormalisedIdentifier } from '@c360/identifiers';
import { testStack, uniqueName } from '@c360/testing';
import type { Driver } from 'neo4j-driver';
import { DEFAULT_MATCH_MODEL } from '../domain/comparison-model';
import { createFellegiSunterMatcher } from '../domain/fellegi-sunter';
import { rulesFrom } from '../identity-setup';
import { CustomerReadRepository } from '../store/customer-read.repository';
import { IdentityRepository } from '../store/identity.repository';
import { createNeo4jDriver } from '../store/neo4j-driver';
import { PrivacyRepository } from '../store/privacy.repository';
import { createIdentityPrivacyHandlers } from './identity-privacy.handlers';

const stack = testStack();
const registry = new IdentifierRegistry({ defaultRegion: 'US' });
let driver: Driver;
let identities: IdentityRepository;

beforeAll(async () => {
  driver = createNeo4jDriver(stack.NEO4J_URI, stack.NEO4J_USER, stack.NEO4J_PASSWORD);
  identities = new IdentityRepository(driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(DEFAULT_MATCH_MODEL) });
  await identities.ensureSchema();
});

afterAll(() => driver.close());

function id(type: string, value: string): NormalisedIdentifier {
  const result = registry.normalise(type, value);
  if (!result.ok) throw new Error(result.reason);
  return result.identifier;
}

function resolve(identifiers: NormalisedIdentifier[], givenName?: string) {
  const traits = givenName ? { givenName } : null;
  return identities.resolve({ messageId: uniqueName('m'), channel: 'store', occurredAt: '2026-05-01T10:00:00Z', source: 'pos', identifiers, traits, displayTraits: traits, blockKeys: [] });
}

describe('identity-graph privacy handlers', () => {
  it('exports, then erases everything held on a person (merged-away ids included), and verifies nothing is left', async () => {
    const handlers = createIdentityPrivacyHandlers(new PrivacyRepository(driver));
    const [email, device, bystander] = [id('email', `${uniqueName('e')}@example.com`), id('deviceId', uniqueName('d')), id('deviceId', uniqueName('d'))];
    const first = await resolve([email], 'Ada');
    const second = await resolve([device]);
    const merged = await resolve([email, device]);
    const other = await resolve([bystander]);
    const job = { requestId: uniqueName('r'), customerIds: [merged.customerId, ...merged.lineage] };
    expect(merged.lineage).toEqual([second.customerId]);

    const exported = (await handlers.export(job)) as { customers: { identifiers: { value: string }[]; touchpoints: { traits: unknown }[] }[] };
    expect(exported.customers.flatMap((c) => c.identifiers.map((i) => i.value)).sort()).toEqual([email.value, device.value].sort());
    expect(exported.customers.flatMap((c) => c.touchpoints.map((t) => t.traits))).toContainEqual({ givenName: 'Ada' });

    expect(await handlers.erase(job)).toEqual({ customers: 2, identifiers: 2, touchpoints: 3, records: 1 });
    expect(await handlers.verify(job)).toEqual({ customers: 0, identifiers: 0, touchpoints: 0 });
    expect(await handlers.erase(job)).toEqual({ customers: 0, identifiers: 0, touchpoints: 0, records: 0 });
    const reads = new CustomerReadRepository(driver);
    expect(await reads.byIdentifierKey(email.key)).toBeNull();
    expect((await reads.byIdentifierKey(bystander.key))?.id).toBe(other.customerId);
    expect(first.customerId).toBe(merged.customerId);
  });
});
