import { QUEUES } from '@c360/contracts';
import { IdentifierRegistry, type NormalisedIdentifier } from '@c360/identifiers';
import { createQueue, createRedisConnection, type RedisClient } from '@c360/service-kit';
import { testStack, uniqueName } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Driver } from 'neo4j-driver';
import { DEFAULT_MATCH_MODEL } from '../domain/comparison-model';
import { createFellegiSunterMatcher } from '../domain/fellegi-sunter';
import { rulesFrom } from '../identity-setup';
import { CustomerReadRepository } from '../store/customer-read.repository';
import { IdentityRepository, type ResolveRequest } from '../store/identity.repository';
import { createNeo4jDriver } from '../store/neo4j-driver';
import { IdentityPrivacyRepository } from '../store/privacy.repository';
import { createIdentityPrivacyHandlers } from './identity-privacy.handlers';

const stack = testStack();
const prefix = uniqueName('t');
let driver: Driver;
let redis: RedisClient;
let resolveQueue: Queue;
let identities: IdentityRepository;
let reads: CustomerReadRepository;
let handlers: ReturnType<typeof createIdentityPrivacyHandlers>;

const registry = new IdentifierRegistry({ defaultRegion: 'US' });

function id(type: 'email' | 'phone' | 'deviceId', value: string): NormalisedIdentifier {
  const r = registry.normalise(type, value);
  if (!r.ok) throw new Error(r.reason);
  return r.identifier;
}

beforeAll(async () => {
  driver = createNeo4jDriver(stack.NEO4J_URI, stack.NEO4J_USER, stack.NEO4J_PASSWORD);
  identities = new IdentityRepository(driver, { rules: rulesFrom(registry), matcher: createFellegiSunterMatcher(DEFAULT_MATCH_MODEL) });
  await identities.ensureSchema();
  reads = new CustomerReadRepository(driver);
  redis = createRedisConnection(stack.REDIS_URL);
  resolveQueue = createQueue({ connection: redis, prefix }, QUEUES.identityResolve);
  handlers = createIdentityPrivacyHandlers({ privacy: new IdentityPrivacyRepository(driver), queues: { connection: redis, prefix }, registry });
});

afterAll(async () => {
  await resolveQueue.obliterate({ force: true });
  await resolveQueue.close();
  await redis.quit();
  await driver.close();
});

/** One touchpoint resolved as a batch of one. */
async function resolveOne(request: ResolveRequest) {
  const [outcome] = await identities.resolveBatch([request]);
  if (!outcome) throw new Error('no outcome');
  return outcome;
}

function resolve(messageId: string, identifiers: NormalisedIdentifier[]) {
  return resolveOne({
    messageId,
    channel: 'web',
    occurredAt: '2026-05-01T10:00:00Z',
    source: null,
    identifiers,
    traits: null,
    displayTraits: null,
    blockKeys: [],
  });
}

/** Two customers merged into one person (so a Merge node holds their identifier keys), and a bystander. */
async function mergedPerson() {
  const email = id('email', `${uniqueName('u')}@example.com`);
  const device = id('deviceId', uniqueName('d'));
  const first = await resolve(uniqueName('m'), [email]);
  await resolve(uniqueName('m'), [device]);
  const merging = uniqueName('m');
  const merged = await resolve(merging, [email, device]);
  const bystander = await resolve(uniqueName('m'), [id('deviceId', uniqueName('d'))]);
  return { email, device, survivor: first.customerId, ids: [merged.customerId, ...merged.lineage], merging, bystander: bystander.customerId };
}

describe('identity-graph privacy handlers on Neo4j', () => {
  it('exports the customers, identifiers and merges of a person', async () => {
    const p = await mergedPerson();
    const data = (await handlers.export({ requestId: 'r', customerIds: [p.survivor] })) as {
      customers: unknown[];
      identifiers: { value: string }[];
      merges: { evidence: string }[];
    };
    expect(data.customers).toHaveLength(2);
    expect(data.identifiers.map((i) => i.value).sort()).toEqual([p.email.value, p.device.value].sort());
    expect(data.merges[0]!.evidence).toContain(p.email.key);
  });

  it('erases customers, identifiers and merge evidence, and queued resolve jobs carrying the identifiers', async () => {
    const p = await mergedPerson();
    // One job names the email as a client would send it (not normalised); one is about someone else.
    await resolveQueue.add(
      'resolve',
      {
        messageId: uniqueName('m'),
        channel: 'web',
        occurredAt: '2026-01-01T00:00:00Z',
        identifiers: [{ type: 'email', value: ` ${p.email.value.toUpperCase()} ` }],
      },
      { delay: 3_600_000 },
    );
    await resolveQueue.add(
      'resolve',
      { messageId: uniqueName('m'), channel: 'web', occurredAt: '2026-01-01T00:00:00Z', identifiers: [{ type: 'deviceId', value: uniqueName('other') }] },
      { delay: 3_600_000 },
    );

    const counts = await handlers.erase({ requestId: 'r', customerIds: [p.survivor] });
    expect(counts).toEqual({ customers: 2, identifiers: 2, merges: 1, touchpoints: 3, records: 0, queuedJobs: 1 });
    expect(await handlers.verify({ requestId: 'r', customerIds: p.ids })).toEqual({ customers: 0, identifiers: 0, merges: 0, touchpoints: 0, records: 0 });
    const left = await driver.executeQuery(
      'MATCH (n) WHERE n.key IN $keys OR n.id IN $ids OR n.origin IN $ids OR n.evidence CONTAINS $email RETURN count(n) AS n',
      { keys: [p.email.key, p.device.key], ids: p.ids, email: p.email.value },
    );
    expect(left.records[0]!.get('n')).toBe(0);
    expect(await resolveQueue.getJobCountByTypes('delayed')).toBe(1);
    expect(await reads.byId(p.bystander)).not.toBeNull();
    // Idempotent: a retried child finds nothing more to delete.
    expect(await handlers.erase({ requestId: 'r', customerIds: [p.survivor] })).toEqual({
      customers: 0,
      identifiers: 0,
      merges: 0,
      touchpoints: 0,
      records: 0,
      queuedJobs: 0,
    });
  });

  it('erases the touchpoint traits and blocking keys only the person had, keeping blocks others share', async () => {
    const email = id('email', `${uniqueName('u')}@example.com`);
    const [mine, shared, surname] = [uniqueName('blk'), uniqueName('blk'), uniqueName('lovelace')];
    const person = await resolveOne({
      messageId: uniqueName('m'),
      channel: 'web',
      occurredAt: '2026-05-01T10:00:00Z',
      source: null,
      identifiers: [email],
      traits: { givenName: 'ada', familyName: surname },
      displayTraits: { givenName: 'Ada', familyName: surname },
      blockKeys: [mine, shared],
    });
    await resolveOne({
      messageId: uniqueName('m'),
      channel: 'web',
      occurredAt: '2026-05-01T10:00:00Z',
      source: null,
      identifiers: [id('deviceId', uniqueName('d'))],
      traits: null,
      displayTraits: null,
      blockKeys: [shared],
    });
    const counts = await handlers.erase({ requestId: 'r', customerIds: [person.customerId] });
    expect(counts).toMatchObject({ customers: 1, touchpoints: 1 });
    const blocks = await driver.executeQuery('MATCH (b:Block) WHERE b.key IN $keys RETURN b.key AS key', { keys: [mine, shared] });
    expect(blocks.records.map((r) => r.get('key'))).toEqual([shared]);
    const traits = await driver.executeQuery('MATCH (t:Touchpoint) WHERE t.traits CONTAINS $surname RETURN count(t) AS n', { surname });
    expect(traits.records[0]!.get('n')).toBe(0);
  });
});
