import { suppressionHash, suppressionSetKey, type TouchpointInput } from '@c360/contracts';
import { defaultIdentifierPolicy, identifierRegistryFrom } from '@c360/identifiers';
import { createRedisConnection } from '@c360/service-kit';
import { testStack, uniqueName, uniquePhone, waitFor } from '@c360/testing';
import mongoose from 'mongoose';
import neo4j from 'neo4j-driver';
import { gatewayData, postBatch, SUPPRESSION_SECRET, System, tokenFor, waitForQueuesIdle } from './system';

/**
 * The right to erasure end to end: a person seen on three channels, profiled and greeted, erased by
 * email through the gateway; then nothing about them is left in Neo4j, in any service's MongoDB
 * database or in Redis, their identifiers are suppressed, and the audit log holds a verified receipt.
 */
const system = new System();
let token: string;

const CUSTOMER = /* GraphQL */ `
  query ($email: String!) {
    customerByIdentifier(type: EMAIL, value: $email) {
      id
      version
      identifiers {
        type
        value
      }
      mergeHistory {
        absorbedCustomerIds
      }
      journey(first: 10) {
        totalCount
      }
      engagement {
        touchCount
        withheld
      }
      greeting {
        text
        basedOnVersion
      }
    }
  }
`;
interface Customer {
  id: string;
  version: number;
  identifiers: { type: string; value: string }[];
  mergeHistory: { absorbedCustomerIds: string[] }[];
  journey: { totalCount: number };
  engagement: { touchCount: number; withheld: boolean };
  greeting: { text: string; basedOnVersion: number } | null;
}
const REQUEST = /* GraphQL */ `
  query ($id: ID!) {
    dataSubjectRequest(id: $id) {
      status
      failureReason
      receipt {
        verified
        auditSeq
        services {
          service
          deleted
          deletedTotal
          remainingTotal
        }
      }
    }
  }
`;
interface Receipt {
  verified: boolean;
  auditSeq: number;
  services: { service: string; deleted: string; deletedTotal: number; remainingTotal: number }[];
}

/** A visit, an email opened, a sign-up that shows both were one person (a merge), and a call. */
function person() {
  const tag = uniqueName('e');
  const email = `${tag}@example.com`;
  const anonymousId = `anon-${tag}`;
  const phone = uniquePhone();
  const crmId = `CRM-${tag}`;
  const touchpoints: TouchpointInput[] = [
    {
      messageId: `${tag}-visit`,
      type: 'page',
      channel: 'web',
      occurredAt: '2026-10-01T09:00:00Z',
      identifiers: { anonymousId },
      properties: { path: '/pricing' },
    },
    {
      messageId: `${tag}-open`,
      type: 'track',
      event: 'Email Opened',
      channel: 'email',
      occurredAt: '2026-10-01T10:00:00Z',
      identifiers: { email },
      properties: {},
    },
    {
      messageId: `${tag}-signup`,
      type: 'identify',
      channel: 'web',
      occurredAt: '2026-10-02T09:05:00Z',
      identifiers: { anonymousId, email: email.toUpperCase() },
      properties: {},
    },
    {
      messageId: `${tag}-call`,
      type: 'contact',
      channel: 'call_center',
      occurredAt: '2026-10-03T14:30:00Z',
      identifiers: { phone, email, crmId },
      properties: { reason: 'billing' },
    },
  ];
  return { email, anonymousId, phone, crmId, touchpoints };
}

const query = <T>(text: string, variables: Record<string, unknown> = {}) => gatewayData<T>(system, text, variables, token);

/** Everything stored under the system's queue prefix in Redis, as text, key by key. */
async function redisContents(prefix: string): Promise<Map<string, string>> {
  const redis = createRedisConnection(testStack().REDIS_URL);
  const contents = new Map<string, string>();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
      cursor = next;
      for (const key of keys) {
        const type = await redis.type(key);
        const value =
          type === 'hash'
            ? await redis.hgetall(key)
            : type === 'list'
              ? await redis.lrange(key, 0, -1)
              : type === 'zset'
                ? await redis.zrange(key, 0, -1)
                : type === 'set'
                  ? await redis.smembers(key)
                  : type === 'stream'
                    ? await redis.xrange(key, '-', '+')
                    : await redis.get(key);
        contents.set(key, `${key} ${JSON.stringify(value)}`);
      }
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
  return contents;
}

/** Every document of every collection of a database, as text, with its collection's name. */
async function mongoContents(db: string): Promise<{ collection: string; text: string }[]> {
  const conn = await mongoose.createConnection(testStack().MONGODB_URI, { dbName: db }).asPromise();
  try {
    const out: { collection: string; text: string }[] = [];
    for (const { name } of await conn.db!.listCollections().toArray()) {
      for (const doc of await conn.db!.collection(name).find({}).toArray()) out.push({ collection: name, text: JSON.stringify(doc) });
    }
    return out;
  } finally {
    await conn.close();
  }
}

beforeAll(async () => {
  await system.start();
  token = await tokenFor({ subject: 'e2e-officer', roles: ['service', 'compliance'], scopes: [] });
}, 180_000);

afterAll(() => system.stop(), 60_000);

describe('erasure through the gateway', () => {
  it('erases a person seen on three channels from every store and leaves a verified receipt', async () => {
    const p = person();
    for (const tp of p.touchpoints) {
      expect((await postBatch(system, [tp], token)).body.results[0]?.status).toBe('accepted');
      await waitForQueuesIdle(system);
    }
    // Profiled (insights) and greeted (generation): the data erasure must reach.
    const c = await waitFor(
      async () => {
        const x = (await query<{ customerByIdentifier: Customer | null }>(CUSTOMER, { email: p.email })).customerByIdentifier;
        return x && x.identifiers.length === 4 && x.journey.totalCount === 4 && x.engagement.touchCount === 4 && x.greeting?.basedOnVersion === x.version
          ? x
          : undefined;
      },
      45_000,
      'the customer to be complete',
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${system.logs()}`);
    });
    expect(c.mergeHistory.length).toBeGreaterThan(0);
    expect(c.engagement.withheld).toBe(false);
    await query(
      `mutation ($id: ID!) { recordConsent(input: { customerId: $id, purpose: EMAIL_MARKETING, channel: EMAIL, status: GRANTED, source: "e2e" }) { status } }`,
      { id: c.id },
    );
    const customerIds = [c.id, ...c.mergeHistory.flatMap((m) => m.absorbedCustomerIds)];

    const opened = await query<{ requestErasure: { id: string; status: string; dueAt: string } }>(
      `mutation ($email: String!) { requestErasure(input: { identifier: { type: EMAIL, value: $email } }) { id status dueAt } }`,
      { email: p.email },
    );
    const requestId = opened.requestErasure.id;
    const done = await waitFor(
      async () => {
        const r = (await query<{ dataSubjectRequest: { status: string; failureReason: string | null; receipt: Receipt | null } }>(REQUEST, { id: requestId }))
          .dataSubjectRequest;
        return ['COMPLETED', 'FAILED'].includes(r.status) ? r : undefined;
      },
      60_000,
      'the erasure to finish',
    ).catch((err: unknown) => {
      throw new Error(`${String(err)}\n${system.logs()}`);
    });
    expect(done).toMatchObject({ status: 'COMPLETED', failureReason: null });

    // The receipt: what every service deleted, and nothing remaining anywhere.
    const receipt = done.receipt!;
    expect(receipt.verified).toBe(true);
    const counts = Object.fromEntries(receipt.services.map((s) => [s.service, JSON.parse(s.deleted) as Record<string, number>]));
    expect(counts['identity-graph']).toMatchObject({ customers: 2, identifiers: 4, merges: 1 });
    expect(counts['touchpoint-store']).toMatchObject({ touchpoints: 4 });
    expect(counts['insights']).toMatchObject({ touchFacts: 4 });
    expect(counts['generation']).toMatchObject({ drafts: expect.any(Number), touchFacts: 4 });
    expect(counts['generation']!['drafts']).toBeGreaterThanOrEqual(1);
    expect(counts['governance']).toMatchObject({ consentEntries: 1 });
    expect(receipt.services.every((s) => s.remainingTotal === 0)).toBe(true);

    // Identity-graph answers as for a stranger.
    expect((await query<{ customerByIdentifier: Customer | null }>(CUSTOMER, { email: p.email })).customerByIdentifier).toBeNull();

    const needles = [p.email, p.email.toUpperCase(), p.anonymousId, p.phone, p.crmId, ...p.touchpoints.map((t) => t.messageId)];

    // Neo4j: no customer, identifier or merge record (whose evidence held identifier keys).
    const driver = neo4j.driver(
      testStack().NEO4J_URI,
      testStack().NEO4J_PASSWORD ? neo4j.auth.basic(testStack().NEO4J_USER, testStack().NEO4J_PASSWORD) : undefined,
    );
    try {
      const left = await driver.executeQuery(
        `MATCH (n) WHERE n.id IN $ids OR n.mergedInto IN $ids OR any(a IN coalesce(n.absorbedIds, []) WHERE a IN $ids)
           OR any(s IN $needles WHERE coalesce(n.key, '') CONTAINS s OR coalesce(n.value, '') CONTAINS s OR coalesce(n.evidence, '') CONTAINS s)
         RETURN count(n) AS n`,
        { ids: customerIds, needles },
      );
      expect(left.records[0]!.get('n').toNumber?.() ?? left.records[0]!.get('n')).toBe(0);
    } finally {
      await driver.close();
    }

    // MongoDB, every service's database: no identifier, touchpoint or customer id. The request and
    // the audit log keep the pseudonymous customer ids (never an identifier): they are the proof.
    let proofs = 0;
    for (const [service, db] of system.databaseOf) {
      for (const { collection, text } of await mongoContents(db)) {
        if (customerIds.some((id) => text.includes(id))) proofs++;
        for (const needle of needles) expect(`${service}.${collection} ${text.includes(needle) ? needle : ''}`).toBe(`${service}.${collection} `);
        const proof = service === 'governance' && ['data_subject_requests', 'audit_log'].includes(collection);
        if (!proof) for (const id of customerIds) expect(`${service}.${collection} ${text.includes(id) ? id : ''}`).toBe(`${service}.${collection} `);
      }
    }

    // The scan saw the governance records that name the customer id, so it looked where the data was.
    expect(proofs).toBeGreaterThan(0);

    // Redis: no job, job result or event naming them; the suppression list holds keyed hashes only.
    const redisNow = await redisContents(system.queuePrefix);
    for (const [key, text] of redisNow) {
      for (const needle of [...needles, ...customerIds]) expect(`${key} ${text.includes(needle) ? needle : ''}`).toBe(`${key} `);
    }
    expect([...redisNow.keys()].some((k) => k.includes('touchpoint-ingest'))).toBe(true);
    const raw = redisNow.get(suppressionSetKey(system.queuePrefix)) ?? '';
    for (const [type, value] of [
      ['email', p.email],
      ['phone', p.phone],
      ['anonymousId', p.anonymousId],
      ['crmId', p.crmId],
    ] as const) {
      const n = identifierRegistryFrom(defaultIdentifierPolicy()).normalise(type, value);
      if (!n.ok) throw new Error(n.reason);
      expect(raw).toContain(suppressionHash(SUPPRESSION_SECRET, n.identifier.key));
    }

    // Re-sending their old touchpoints is refused: every one carries a suppressed identifier.
    const resent = await postBatch(system, p.touchpoints, token);
    expect(resent.body.results.map((r) => [r.status, r.reason])).toEqual(p.touchpoints.map(() => ['rejected', 'SUPPRESSED']));
    await waitForQueuesIdle(system);
    expect((await query<{ customerByIdentifier: Customer | null }>(CUSTOMER, { email: p.email })).customerByIdentifier).toBeNull();

    // The audit chain verifies and holds the receipt.
    expect((await query<{ verifyAuditChain: { valid: boolean } }>('{ verifyAuditChain { valid } }')).verifyAuditChain.valid).toBe(true);
    const log = await query<{ auditLog: { seq: number; action: string; details: string }[] }>(
      `query ($s: String) { auditLog(subject: $s) { seq action details } }`,
      { s: requestId },
    );
    const entry = log.auditLog.find((e) => e.action === 'erasure.completed')!;
    expect(entry.seq).toBe(receipt.auditSeq);
    expect(JSON.parse(entry.details)).toMatchObject({
      verified: true,
      services: expect.arrayContaining([expect.objectContaining({ service: 'touchpoint-store', deleted: expect.any(Number), remaining: 0 })]),
    });
  });
});
