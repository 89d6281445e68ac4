import { QUEUES, type TouchpointInput } from '@c360/contracts';
import { createRedisConnection } from '@c360/service-kit';
import { dropDatabase, freePort, ServiceProcess, subgraphRequest, TEST_SECRET, testStack, uniqueName, uniquePhone, waitFor } from '@c360/testing';
import { Queue } from 'bullmq';
import { ACCESS, SUPPRESSION_SECRET, tokenFor } from './system';

/**
 * Several replicas at once: the same population ingested through one identity-graph and one
 * touchpoint-store, and through two of each on one stack (batches posted to both intakes at once,
 * jobs taken by whichever worker is free), gives the same customers, merges and journeys.
 *
 * Each person is first seen three times, each time under one identifier (three customers), then twice
 * under two of them at once; the two linking touchpoints sit in different batches, posted to different
 * replicas together, so both merges of a person race. Whatever the order, the outcome is one customer
 * holding the three identifiers, two merges each absorbing one customer, and all five touchpoints in
 * its journey. A lost merge leaves a second customer; a double one, an absorbed id twice.
 */
const PEOPLE = 24;
const BATCH = 8;

interface Person {
  email: string;
  phone: string;
  anonymousId: string;
  /** Seen under one identifier each. */
  singles: TouchpointInput[];
  /** email with phone, then phone with anonymousId. */
  links: [TouchpointInput, TouchpointInput];
}

/** The population of one run: the same shape every run, with identifiers and ids of its own (Neo4j is shared). */
function population(run: string): Person[] {
  return Array.from({ length: PEOPLE }, (_, i) => {
    const tag = `${run}-p${i}`;
    const email = `${tag}@example.com`;
    const phone = uniquePhone();
    const anonymousId = `anon-${tag}`;
    const at = (day: number) => `2026-10-${String(day).padStart(2, '0')}T${String(8 + (i % 10)).padStart(2, '0')}:00:00Z`;
    const tp = (n: number, channel: TouchpointInput['channel'], identifiers: TouchpointInput['identifiers']): TouchpointInput => ({
      messageId: `${tag}-t${n}`,
      type: 'track',
      event: `Step ${n}`,
      channel,
      occurredAt: at(n + 1),
      identifiers,
      properties: {},
    });
    return {
      email,
      phone,
      anonymousId,
      singles: [tp(1, 'email', { email }), tp(2, 'call_center', { phone }), tp(3, 'web', { anonymousId })],
      links: [tp(4, 'store', { email, phone }), tp(5, 'app', { phone, anonymousId })],
    };
  });
}

function batches<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += BATCH) out.push(items.slice(i, i + BATCH));
  return out;
}

/** One stack: `replicas` identity-graph and touchpoint-store processes sharing a database and a queue prefix. */
class Stack {
  readonly prefix = uniqueName('e2e-rep');
  readonly db = uniqueName('c360_e2e_replicas');
  readonly identity: ServiceProcess[] = [];
  readonly intake: ServiceProcess[] = [];

  constructor(private readonly replicas: number) {}

  async start(): Promise<void> {
    const common = {
      ...testStack(),
      QUEUE_PREFIX: this.prefix,
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      LOG_LEVEL: 'warn',
    };
    const touchpointEnv = {
      ...common,
      MONGODB_DB: this.db,
      ACCESS_TOKEN_SECRET: ACCESS.secret,
      ACCESS_TOKEN_ISSUER: ACCESS.issuer,
      ACCESS_TOKEN_AUDIENCE: ACCESS.audience,
      SUPPRESSION_SECRET,
      // Small jobs, so one batch spreads over several workers of both replicas.
      INGEST_JOB_MAX_ITEMS: '2',
    };
    for (let r = 0; r < this.replicas; r++) {
      this.identity.push(new ServiceProcess('identity-graph', await freePort(), common));
      this.intake.push(new ServiceProcess('touchpoint-store', await freePort(), touchpointEnv));
    }
    await Promise.all([...this.identity, ...this.intake].map((s) => s.start(120_000)));
  }

  async stop(): Promise<void> {
    await Promise.all([...this.identity, ...this.intake].map((s) => s.stop()));
    await dropDatabase(testStack().MONGODB_URI, this.db);
    const redis = createRedisConnection(testStack().REDIS_URL);
    try {
      for (const name of Object.values(QUEUES)) {
        const queue = new Queue(name, { connection: redis, prefix: this.prefix });
        await queue.obliterate({ force: true });
        await queue.close();
      }
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}:*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      await redis.quit();
    }
  }

  logs(): string {
    return [...this.identity, ...this.intake].map((s) => `--- ${s.name}:${s.port}\n${s.tail(20)}`).join('\n');
  }

  /** Batches go to the intakes in turn, all at once: replica r gets batches r, r + n, … */
  async post(items: readonly TouchpointInput[], token: string): Promise<void> {
    await Promise.all(
      batches(items).map(async (batch, i) => {
        const intake = this.intake[i % this.intake.length]!;
        const res = await fetch(`${intake.url}/v1/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify(batch),
        });
        const body = (await res.json()) as { results: { status: string }[] };
        if (body.results.some((r) => r.status !== 'accepted')) throw new Error(`batch ${i} not accepted: ${JSON.stringify(body)}`);
      }),
    );
    await this.idle();
  }

  /** The ingestion pipeline's queues hold nothing waiting, active or delayed. */
  async idle(): Promise<void> {
    const redis = createRedisConnection(testStack().REDIS_URL);
    const queues = [QUEUES.touchpointIngest, QUEUES.identityResolve, QUEUES.touchpointLink].map(
      (n) => new Queue(n, { connection: redis, prefix: this.prefix }),
    );
    try {
      await waitFor(
        async () => {
          const counts = await Promise.all(queues.map((q) => q.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed')));
          if (counts.some((c) => (c['failed'] ?? 0) > 0)) throw new Error(`failed jobs: ${JSON.stringify(counts)}`);
          return counts.every((c) => Object.values(c).every((n) => n === 0));
        },
        120_000,
        'the pipeline to drain',
      );
    } catch (err) {
      throw new Error(`${String(err)}\n${this.logs()}`);
    } finally {
      await Promise.all(queues.map((q) => q.close()));
      await redis.quit();
    }
  }
}

const CUSTOMER = /* GraphQL */ `
  query ($type: IdentifierType!, $value: String!) {
    customerByIdentifier(type: $type, value: $value) {
      id
      identifiers {
        type
      }
      mergeHistory {
        absorbedCustomerIds
      }
    }
  }
`;
const JOURNEY = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        journey(first: 50) {
          edges {
            node {
              messageId
              channel
              occurredAt
            }
          }
        }
      }
    }
  }
`;
interface Customer {
  id: string;
  identifiers: { type: string }[];
  mergeHistory: { absorbedCustomerIds: string[] }[];
}

/** What a person became, in terms that do not depend on the run: customer ids and run tags left out. */
async function outcomeOf(stack: Stack, person: Person, run: string) {
  const ask = (type: string, value: string) =>
    subgraphRequest<{ customerByIdentifier: Customer | null }>(stack.identity[0]!.url, CUSTOMER, { type, value }).then(
      (r) => r.data?.customerByIdentifier ?? null,
    );
  const [byEmail, byPhone, byAnonymous] = await Promise.all([ask('EMAIL', person.email), ask('PHONE', person.phone), ask('ANONYMOUS_ID', person.anonymousId)]);
  const customer = byEmail!;
  const absorbed = customer.mergeHistory.flatMap((m) => m.absorbedCustomerIds);
  const journey = await subgraphRequest<{ _entities: { journey: { edges: { node: { messageId: string; channel: string; occurredAt: string } }[] } }[] }>(
    stack.intake[stack.intake.length - 1]!.url,
    JOURNEY,
    { id: customer.id },
  );
  return {
    customers: new Set([byEmail?.id, byPhone?.id, byAnonymous?.id]).size,
    identifiers: customer.identifiers.map((i) => i.type).sort(),
    merges: customer.mergeHistory.map((m) => m.absorbedCustomerIds.length).sort(),
    absorbed: new Set(absorbed).size,
    absorbedDistinct: new Set(absorbed).size === absorbed.length,
    journey: (journey.data?._entities[0]?.journey.edges ?? []).map(({ node }) => `${node.messageId.replace(`${run}-`, '')} ${node.channel} ${node.occurredAt}`),
  };
}

/** Ingests a population through a stack (singles, then links) and reads every person's outcome. */
async function runOn(replicas: number) {
  const stack = new Stack(replicas);
  const run = uniqueName('r');
  const people = population(run);
  try {
    await stack.start();
    const token = await tokenFor({ subject: 'e2e-replicas', roles: ['service'], scopes: [] });
    const workers = [...stack.identity, ...stack.intake];
    const before = workers.map((w) => w.cpuSeconds());
    await stack.post(
      people.flatMap((p) => p.singles),
      token,
    );
    // Every person's first link before any second one, so a person's two links land in different batches and replicas.
    await stack.post([...people.map((p) => p.links[0]), ...people.map((p) => p.links[1])], token);
    const cpu = workers.map((w, i) => w.cpuSeconds() - before[i]!);
    return { outcomes: await Promise.all(people.map((p) => outcomeOf(stack, p, run))), identityCpu: cpu.slice(0, replicas), intakeCpu: cpu.slice(replicas) };
  } finally {
    await stack.stop();
  }
}

describe('two replicas of identity-graph and touchpoint-store', () => {
  it('give the customers, merges and journeys one replica of each gives', async () => {
    const { outcomes: one } = await runOn(1);
    const { outcomes: two, identityCpu, intakeCpu } = await runOn(2);
    // Both replicas of each service did a share of the work (an idle one would spend next to nothing).
    for (const [a, b] of [identityCpu, intakeCpu]) expect(Math.min(a!, b!) / Math.max(a!, b!)).toBeGreaterThan(0.25);
    const expected = {
      customers: 1,
      identifiers: ['ANONYMOUS_ID', 'EMAIL', 'PHONE'],
      merges: [1, 1],
      absorbed: 2,
      absorbedDistinct: true,
    };
    for (const outcome of [...one, ...two]) expect(outcome).toMatchObject(expected);
    for (const outcome of one) expect(outcome.journey).toHaveLength(5);
    expect(two).toEqual(one);
  }, 600_000);
});
