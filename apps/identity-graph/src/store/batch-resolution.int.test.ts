import { IdentifierRegistry, type NormalisedIdentifier } from '@c360/identifiers';
import type { PersonTraits } from '@c360/contracts';
import { testStack, uniqueName } from '@c360/testing';
import type { Driver } from 'neo4j-driver';
import { blockingKeys } from '../domain/blocking';
import { DEFAULT_MATCH_MODEL } from '../domain/comparison-model';
import { createFellegiSunterMatcher } from '../domain/fellegi-sunter';
import { normaliseTraits } from '@c360/identifiers';
import { rulesFrom } from '../identity-setup';
import { IdentityRepository, type ResolutionOutcome, type ResolveRequest } from './identity.repository';
import { createNeo4jDriver } from './neo4j-driver';

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

function id(type: 'email' | 'deviceId' | 'anonymousId' | 'crmId', value: string): NormalisedIdentifier {
  const result = registry.normalise(type, value);
  if (!result.ok) throw new Error(result.reason);
  return result.identifier;
}

function request(messageId: string, identifiers: NormalisedIdentifier[], raw?: PersonTraits): ResolveRequest {
  const traits = normaliseTraits(raw);
  return {
    messageId,
    channel: 'store',
    occurredAt: '2026-06-01T10:00:00Z',
    source: 'pos',
    identifiers,
    traits,
    displayTraits: raw ?? null,
    blockKeys: traits ? blockingKeys(traits) : [],
  };
}

/**
 * The oracle: the same touchpoints as batches of one, through the same engine, which is how a queue
 * of single-touchpoint jobs resolves them: each sees exactly the graph the ones before it left.
 */
async function oneByOne(requests: readonly ResolveRequest[]): Promise<ResolutionOutcome[]> {
  const outcomes: ResolutionOutcome[] = [];
  for (const r of requests) outcomes.push(...(await identities.resolveBatch([r])));
  return outcomes;
}

// Ten distinct letters: names of equal length and no repeats compare alike whatever the letters, so
// two runs' people score alike against themselves, and share no blocking key with each other.
const letters = () =>
  [...'abcdefghijklmnopqrstuvwxyz']
    .sort(() => Math.random() - 0.5)
    .slice(0, 10)
    .join('');

type Labeller = (customerId: string) => string;

function labeller(): Labeller {
  const labels = new Map<string, string>();
  return (customerId: string) => labels.get(customerId) ?? (labels.set(customerId, `c${labels.size}`), labels.get(customerId)!);
}

/** Outcomes with customer ids replaced by the order they first appear in, so two runs compare. */
function canonical(outcomes: readonly ResolutionOutcome[], label: Labeller = labeller()) {
  return outcomes.map((o) => ({
    customer: label(o.customerId),
    version: o.version,
    kind: o.kind,
    changed: o.changed,
    lineage: o.lineage.map(label).sort(),
    conflicts: o.conflicts.map((c) => ({ type: c.type, other: label(c.otherCustomerId) })),
    skipped: o.skipped,
  }));
}

describe('IdentityRepository.resolveBatch on Neo4j', () => {
  it('gives a batch the outcomes its touchpoints give as batches of one: creates, attaches, merges, conflicts, replays and a traits-only record', async () => {
    const u = uniqueName('v');
    // Everything a run touches is its own (identifiers, message ids, traits), so two runs never meet.
    // Without namespaces the graph keeps every earlier run's records: a birth date and postcode of this
    // test's own keep its traits-only record from blocking with theirs.
    const year = 1930 + Math.floor(Math.random() * 60);
    const day = `${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
    const scenario = (run: string, birthYear: number) => {
      const m = (n: string) => `${u}-${run}-${n}`;
      const v = (n: string) => `${n}-${u}-${run}-x`;
      const [crmA, crmB] = [id('crmId', v('A')), id('crmId', v('B'))];
      const [e1, e3, n1, n3] = ['e1', 'e3', 'n1', 'n3'].map((n) => id('email', `${v(n)}@example.com`)) as [
        NormalisedIdentifier,
        NormalisedIdentifier,
        NormalisedIdentifier,
        NormalisedIdentifier,
      ];
      const [d2, dX, n2] = ['d2', 'dx', 'n2'].map((n) => id('deviceId', v(n))) as [NormalisedIdentifier, NormalisedIdentifier, NormalisedIdentifier];
      const a1 = id('anonymousId', v('a1'));
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
        request(m('b8'), [], { givenName: `Zed${letters()}`, familyName: letters(), birthDate: `${birthYear}-${day}`, postcode: `P${u.slice(-10)}${run}` }), // traits only
        request(m('b9'), [n3, d2]), // joins the survivor through the merged-away customer's device
      ];
      return { seed, batch };
    };

    const first = scenario('one', year);
    const single = await oneByOne([...first.seed, ...first.batch, ...first.batch]);

    const { seed, batch } = scenario('bat', year + 1);
    const together = await oneByOne(seed);
    together.push(...(await identities.resolveBatch(batch)));
    // The same batch again, as a retried job would send it: every touchpoint a replay.
    together.push(...(await identities.resolveBatch(batch)));

    expect(canonical(together)).toEqual(canonical(single));
    const kinds = together.map((o) => o.kind);
    expect(kinds.slice(3, 13)).toEqual(['attach', 'attach', 'merge', 'attach', 'attach', 'create', 'attach', 'replay', 'create', 'attach']);
    expect(kinds.slice(13).every((k) => k === 'replay')).toBe(true);
    expect(together[7]!.conflicts).toHaveLength(1);
  });

  it('resolves to one customer a batch whose touchpoints chain new identifiers together, with the version rising per change', async () => {
    const u = uniqueName('chain');
    const devices = Array.from({ length: 6 }, (_, i) => id('deviceId', `${u}-${i}`));
    const batch = devices.slice(1).map((d, i) => request(`${u}-m${i}`, [devices[i]!, d]));
    const outcomes = await identities.resolveBatch(batch);
    expect(new Set(outcomes.map((o) => o.customerId)).size).toBe(1);
    expect(outcomes.map((o) => o.version)).toEqual([1, 2, 3, 4, 5]);
    expect(outcomes.map((o) => o.kind)).toEqual(['create', 'attach', 'attach', 'attach', 'attach']);
  });

  it('leaves the graph batches of one leave, for probabilistic matches, reviews, clashes and chained merges too: the same merges to undo', async () => {
    const u = uniqueName('g');
    const year = 1930 + Math.floor(Math.random() * 60);
    // Earlier runs' records stay in the graph: a birth date of this run's own keeps Grace from blocking with theirs.
    const day = `${String(1 + Math.floor(Math.random() * 12)).padStart(2, '0')}-${String(1 + Math.floor(Math.random() * 28)).padStart(2, '0')}`;
    const scenario = (run: string, birthYear: number) => {
      const m = (n: string) => `${u}-${run}-${n}`;
      const v = (n: string) => `${n}-${u}-${run}-x`;
      // A person of this run only: no blocking key in common with the other run's, so neither is a candidate for the other.
      const grace = {
        givenName: 'Grace',
        familyName: letters(),
        birthDate: `${birthYear}-${day}`,
        streetNumber: '42',
        street: `${letters()} Road`,
        locality: letters(),
        postcode: String(10000 + Math.floor(Math.random() * 89999)),
      };
      const [crmX, crmY] = [id('crmId', v('X')), id('crmId', v('Y'))];
      const [dA, dB, dC, pd] = ['a', 'b', 'c', 'p'].map((n) => id('deviceId', v(n))) as [
        NormalisedIdentifier,
        NormalisedIdentifier,
        NormalisedIdentifier,
        NormalisedIdentifier,
      ];
      // Known before the batch, created one after another (merges keep the oldest).
      const seed = [request(m('s1'), [crmX], grace), request(m('s2'), [dA]), request(m('s3'), [dB]), request(m('s4'), [dC])];
      const batch = [
        request(m('p1'), [pd], { ...grace, givenName: 'Grase' }), // the same person by traits: a new customer merged into Grace
        request(m('p2'), [], { givenName: grace.givenName, familyName: `${grace.familyName}e` }), // close, not close enough: a review
        request(m('p3'), [crmY], { ...grace, givenName: 'Grase' }), // matches Grace but holds another crmId: kept apart, with a conflict
        request(m('p4'), [pd]), // the device of the merged-away record belongs to Grace now
        request(m('c1'), [dB, dC]), // two known customers are one
        request(m('c2'), [dA, dC]), // and a third, whose absorbed a customer in this batch: a chain
        request(m('c3'), [dB]),
      ];
      return { seed, batch };
    };

    const run = async (name: string, birthYear: number, batched: boolean) => {
      const { seed, batch } = scenario(name, birthYear);
      const outcomes = await oneByOne(seed);
      if (batched) outcomes.push(...(await identities.resolveBatch(batch)), ...(await identities.resolveBatch(batch)));
      else outcomes.push(...(await oneByOne([...batch, ...batch])));
      const label = labeller();
      return { outcomes: canonical(outcomes, label), graph: await graphOf(`${u}-${name}-`, name, label) };
    };
    const single = await run('one', year, false);
    const together = await run('bat', year + 1, true);

    expect(together.outcomes).toEqual(single.outcomes);
    expect(together.graph).toEqual(single.graph);
    expect(together.outcomes.slice(4, 11).map((o) => o.kind)).toEqual(['probabilistic', 'review', 'create', 'attach', 'merge', 'merge', 'attach']);
    expect(together.outcomes.slice(11).every((o) => o.kind === 'replay')).toBe(true);
    expect(together.graph.merges).toHaveLength(3);
    expect(together.graph.reviews).toHaveLength(1);
    expect(together.graph.conflicts).toEqual([expect.stringContaining('"viaKey":"traits"')]);
  });
});

/**
 * The part of the graph one run wrote, found from its touchpoints (every customer it created took
 * one of them first: `origin`), with ids made comparable between runs and everything sorted.
 */
async function graphOf(prefix: string, run: string, label: Labeller) {
  const uuid = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
  const runName = new RegExp(`-${run}-`, 'gi');
  const plain = (value: unknown) =>
    JSON.stringify(value)
      .replace(runName, '-run-')
      .replace(uuid, (id) => label(id));
  const rows = async (query: string) => (await driver.executeQuery(query, { prefix })).records.map((r) => plain(r.toObject())).sort();
  const ofRun = `
    MATCH (x:Touchpoint) WHERE x.messageId STARTS WITH $prefix
    WITH collect(DISTINCT x.origin) AS ids
    MATCH (c:Customer) WHERE c.id IN ids`;
  const customers = await rows(`${ofRun}
    OPTIONAL MATCH (c)-[h:HAS_IDENTIFIER]->(i:Identifier)
    WITH c, h, i ORDER BY i.key
    WITH c, collect({key: i.key, origin: h.origin, via: h.viaMessageId}) AS identifiers
    OPTIONAL MATCH (c)-[:HAS_TOUCHPOINT]->(t:Touchpoint)
    WITH c, identifiers, t ORDER BY t.messageId
    RETURN c.id AS id, c.mergedInto AS mergedInto, c.version AS version, identifiers, collect({messageId: t.messageId, origin: t.origin, rule: t.rule}) AS touchpoints`);
  const merges = await rows(`${ofRun}
    MATCH (m:Merge)-[:INTO]->(c), (m)-[:ABSORBED]->(a:Customer)
    RETURN c.id AS survivor, collect(a.id) AS absorbed, m.rule AS rule, m.absorbedLineage AS absorbedLineage, m.evidence AS evidence`);
  const conflicts = await rows(
    'MATCH (k:Conflict) WHERE k.messageId STARTS WITH $prefix RETURN k.customerIds AS customers, k.type AS type, k.reason AS reason, k.viaKey AS viaKey, k.messageId AS messageId',
  );
  const reviews = await rows(
    'MATCH (r:Review)-[:SUBJECT]->(s:Customer), (r)-[:CANDIDATE]->(c:Customer) WHERE r.messageId STARTS WITH $prefix RETURN s.id AS subject, c.id AS candidate, r.messageId AS messageId, r.score AS score',
  );
  return { customers, merges, conflicts, reviews };
}
