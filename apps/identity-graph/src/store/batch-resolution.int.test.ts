import { IdentifierRegistry, type NormalisedIdentifier } from '@c360/identifiers';
import type { PersonTraits } from '@c360/contracts';
import { testStack, uniqueName } from '@c360/testing';
import type { Driver } from 'neo4j-driver';
import { blockingKeys } from '../domain/blocking';
import { DEFAULT_MATCH_MODEL } from '../domain/comparison-model';
import { createFellegiSunterMatcher } from '../domain/fellegi-sunter';
import { normaliseTraits } from '../domain/person-traits';
import { rulesFrom } from '../identity-setup';
import { IdentityRepository, type ResolutionOutcome, type ResolveRequest } from './identity.repository';
import { createNeo4jDriver } from './neo4j-driver';

const stack = testStack();
const registry = new IdentifierRegistry({ defaultRegion: 'US' });
let driver: Driver;
const repositories: IdentityRepository[] = [];

beforeAll(async () => {
  driver = createNeo4jDriver(stack.NEO4J_URI, stack.NEO4J_USER, stack.NEO4J_PASSWORD);
});

afterAll(async () => {
  for (const r of repositories) await r.deleteNamespace();
  await driver.close();
});

function repository(): IdentityRepository {
  const repo = new IdentityRepository(driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(DEFAULT_MATCH_MODEL), namespace: uniqueName('batch') });
  repositories.push(repo);
  return repo;
}

function id(type: 'email' | 'deviceId' | 'anonymousId' | 'crmId', value: string): NormalisedIdentifier {
  const result = registry.normalise(type, value);
  if (!result.ok) throw new Error(result.reason);
  return result.identifier;
}

function request(messageId: string, identifiers: NormalisedIdentifier[], raw?: PersonTraits): ResolveRequest {
  const traits = normaliseTraits(raw);
  return { messageId, channel: 'store', occurredAt: '2026-06-01T10:00:00Z', source: 'pos', identifiers, traits, displayTraits: raw ?? null, blockKeys: traits ? blockingKeys(traits) : [] };
}

/** Outcomes with customer ids replaced by the order they first appear in, so two runs compare. */
function canonical(outcomes: readonly ResolutionOutcome[]) {
  const labels = new Map<string, string>();
  const label = (customerId: string) => labels.get(customerId) ?? (labels.set(customerId, `c${labels.size}`), labels.get(customerId)!);
  return outcomes.map((o) => ({ customer: label(o.customerId), version: o.version, kind: o.kind, changed: o.changed, lineage: o.lineage.map(label), conflicts: o.conflicts.map((c) => ({ type: c.type, other: label(c.otherCustomerId) })), skipped: o.skipped }));
}

describe('IdentityRepository.resolveBatch on Neo4j', () => {
  it('gives the outcomes resolving each touchpoint in turn gives: creates, attaches, merges, conflicts, replays and a traits-only record', async () => {
    const u = uniqueName('v');
    const [crmA, crmB] = [id('crmId', `A-${u}`), id('crmId', `B-${u}`)];
    const [e1, e3, n1, n3] = ['e1', 'e3', 'n1', 'n3'].map((n) => id('email', `${n}-${u}@example.com`)) as [NormalisedIdentifier, NormalisedIdentifier, NormalisedIdentifier, NormalisedIdentifier];
    const [d2, dX, n2] = ['d2', 'dx', 'n2'].map((n) => id('deviceId', `${n}-${u}`)) as [NormalisedIdentifier, NormalisedIdentifier, NormalisedIdentifier];
    const a1 = id('anonymousId', `a1-${u}`);
    // Message ids are not namespaced: each run has its own.
    const scenario = (run: string) => {
    const m = (n: string) => `${u}-${run}-${n}`;
    // Three customers known before the batch, created one after another.
    const seed = [request(m('s1'), [crmA, e1]), request(m('s2'), [d2]), request(m('s3'), [crmB, e3])];
    const batch = [
      request(m('b1'), [e1, dX]), // joins the first, bringing a new device
      request(m('b2'), [dX, a1]), // joins it through the device just linked in this batch
      request(m('b3'), [d2, e1]), // shows the first and second to be one: a merge
      request(m('b4'), [a1, d2]), // the survivor, holding what the merge moved
      request(m('b5'), [e3, crmA]), // the third and first hold different crmIds: a conflict
      request(m('b6'), [n1]), // someone new
      request(m('b7'), [n1, n2]), // the new customer again
      request(m('b6'), [n1]), // the same message twice in one batch: a replay
      request(m('b8'), [], { givenName: `Zed${u}`, familyName: `Quux${u}`, birthDate: '1970-01-01', postcode: '99999' }), // traits only
      request(m('b9'), [n3, d2]), // joins the survivor through the merged-away customer's device
    ];
    return { seed, batch };
    };

    const oneByOne = repository();
    const first = scenario('seq');
    const sequential: ResolutionOutcome[] = [];
    for (const r of [...first.seed, ...first.batch, ...first.batch]) sequential.push(await oneByOne.resolve(r));

    const batched = repository();
    const { seed, batch } = scenario('bat');
    const together: ResolutionOutcome[] = [];
    for (const r of seed) together.push(await batched.resolve(r));
    together.push(...(await batched.resolveBatch(batch)));
    // The same batch again, as a retried job would send it: every touchpoint a replay.
    together.push(...(await batched.resolveBatch(batch)));

    expect(canonical(together)).toEqual(canonical(sequential));
    const kinds = together.map((o) => o.kind);
    expect(kinds.slice(3, 13)).toEqual(['attach', 'attach', 'merge', 'attach', 'attach', 'create', 'attach', 'replay', 'create', 'attach']);
    expect(kinds.slice(13).every((k) => k === 'replay')).toBe(true);
    expect(together[7]!.conflicts).toHaveLength(1);
  });

  it('resolves to one customer a batch whose touchpoints chain new identifiers together, with the version rising per change', async () => {
    const u = uniqueName('chain');
    const devices = Array.from({ length: 6 }, (_, i) => id('deviceId', `${u}-${i}`));
    const batch = devices.slice(1).map((d, i) => request(`${u}-m${i}`, [devices[i]!, d]));
    const outcomes = await repository().resolveBatch(batch);
    expect(new Set(outcomes.map((o) => o.customerId)).size).toBe(1);
    expect(outcomes.map((o) => o.version)).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.map((o) => o.kind)).toEqual(['create', 'attach', 'attach', 'attach', 'attach']);
  });
});
