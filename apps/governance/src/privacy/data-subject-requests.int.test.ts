import {
  EVENTS,
  eventQueueName,
  PRIVACY_QUEUES,
  PRIVACY_SERVICES,
  privacyQueueName,
  suppressionHash,
  suppressionSetKey,
  type ServiceName,
  type SubjectJob,
} from '@c360/contracts';
import { ConsentClient } from '@c360/consent-client';
import { connectMongo, createLogger, createPrivacyWorker, createQueue, createRedisConnection, type PrivacyHandlers, type RedisClient } from '@c360/service-kit';
import { TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import {
  startIdentityGraphStandIn,
  startTestGovernance,
  TEST_SUPPRESSION_SECRET,
  type KnownCustomer,
  type TestGovernance,
} from '../testing/governance.harness';

/**
 * Data-subject requests through governance's real flows on Redis. The other four services are played
 * by workers on their real privacy queues; how each behaves is set per customer, so tests can make
 * one fail a few times or for good.
 */
type Behaviour = { failTimes?: number; failAlways?: boolean };
const behaviours = new Map<string, Partial<Record<ServiceName, Behaviour>>>();
const attempts = new Map<string, number>();

function playedService(service: ServiceName): PrivacyHandlers {
  const maybeFail = (job: SubjectJob, kind: string) => {
    const key = `${kind}:${service}:${job.customerIds[0]}`;
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    const b = behaviours.get(job.customerIds[0]!)?.[service];
    if (b?.failAlways || (b?.failTimes ?? 0) >= n) throw new Error(`${service} store unavailable`);
  };
  return {
    service,
    erase: async (job) => (maybeFail(job, 'erase'), { records: job.customerIds.length }),
    verify: async () => ({ records: 0 }),
    export: async (job) => (maybeFail(job, 'export'), { heldBy: service, ids: job.customerIds }),
    retention: async (job) => (job.dataClass === 'touchpoints' && service === 'touchpoint-store' ? 7 : 0),
  };
}

let gov: TestGovernance;
let identityGraph: Awaited<ReturnType<typeof startIdentityGraphStandIn>>;
let redis: RedisClient;
let mongo: Connection;
const workers: Worker[] = [];
const known: KnownCustomer[] = [];

function person(): KnownCustomer & { email: string } {
  const email = `${uniqueName('p')}@example.com`;
  const p = {
    id: uniqueName('c'),
    email,
    identifiers: [
      { type: 'EMAIL', value: email },
      { type: 'PHONE', value: '+14155550100' },
    ],
    absorbedIds: [uniqueName('c')],
  };
  known.push(p);
  return p;
}

const REQUEST_FIELDS =
  'id kind customerId status receivedAt dueAt overdue failureReason history { status note } receipt { verified auditSeq erasedAt verifiedAt services { service deleted deletedTotal remainingTotal } } exportDocument';
const ERASE = `mutation ($input: DataSubjectInput!) { requestErasure(input: $input) { ${REQUEST_FIELDS} } }`;
const ACCESS = `mutation ($input: DataSubjectInput!) { requestAccess(input: $input) { ${REQUEST_FIELDS} } }`;
const RESTRICT = `mutation ($input: DataSubjectInput!) { requestRestriction(input: $input) { ${REQUEST_FIELDS} } }`;
const LIFT = `mutation ($id: ID!) { liftRestriction(requestId: $id) { ${REQUEST_FIELDS} } }`;
const GET = `query ($id: ID!) { dataSubjectRequest(id: $id) { ${REQUEST_FIELDS} } }`;
const RECORD = /* GraphQL */ `
  mutation ($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      status
    }
  }
`;

interface RequestView {
  id: string;
  kind: string;
  customerId: string;
  status: string;
  receivedAt: string;
  dueAt: string;
  overdue: boolean;
  failureReason: string | null;
  history: { status: string; note: string | null }[];
  receipt: {
    verified: boolean;
    auditSeq: number | null;
    services: { service: string; deleted: string; deletedTotal: number; remainingTotal: number | null }[];
  } | null;
  exportDocument: string | null;
}

async function mutate(query: string, variables: Record<string, unknown>): Promise<RequestView> {
  const res = await gov.request<Record<string, RequestView>>(query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return Object.values(res.data!)[0]!;
}

async function settled(id: string, statuses = ['COMPLETED', 'FAILED']): Promise<RequestView> {
  return waitFor(
    async () => {
      const res = await gov.request<{ dataSubjectRequest: RequestView }>(GET, { id });
      const r = res.data?.dataSubjectRequest;
      return r && statuses.includes(r.status) ? r : undefined;
    },
    30_000,
    `request ${id} to settle`,
  );
}

beforeAll(async () => {
  identityGraph = await startIdentityGraphStandIn(known);
  gov = await startTestGovernance({
    IDENTITY_GRAPH_URL: identityGraph.url,
    PRIVACY_JOB_ATTEMPTS: '3',
    PRIVACY_BACKOFF_MS: '50',
    RETENTION_POLICIES: 'access_exports=30',
    AUDIT_ANCHOR_INTERVAL_MS: '3600000',
  });
  redis = createRedisConnection(testStack().REDIS_URL);
  mongo = await connectMongo(testStack().MONGODB_URI, gov.config.MONGODB_DB);
  const queues = { connection: redis, prefix: gov.config.QUEUE_PREFIX };
  for (const service of PRIVACY_SERVICES.filter((s) => s !== 'governance'))
    workers.push(createPrivacyWorker(queues, playedService(service), { logger: createLogger('dsr-test', 'silent') }));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await mongo.close();
  await gov.stop();
  await redis.quit();
  await identityGraph.close();
});

describe('erasure', () => {
  it('erases by email in every service, suppresses the identifiers, verifies, and leaves a receipt in the audit log', async () => {
    const p = person();
    await gov.request(RECORD, { input: { customerId: p.id, purpose: 'PROFILING', status: 'GRANTED', source: 'form' } });
    await gov.request(RECORD, { input: { customerId: p.absorbedIds![0], purpose: 'ANALYTICS', status: 'DENIED', source: 'form' } });
    // A failed customer.updated job about the person, as a crashed delivery would leave behind.
    const events = createQueue({ connection: redis, prefix: gov.config.QUEUE_PREFIX }, eventQueueName(EVENTS.customerUpdated, 'governance'));
    await events.add('customer.updated', { customerId: p.id }, { jobId: uniqueName('j'), delay: 3_600_000 });

    // A webhook delivery to a partner: a copy of the person's data in the partners module's log.
    await mongo.collection('partner_deliveries').insertOne({
      _id: uniqueName('d') as never,
      partnerId: 'p1',
      customerId: p.absorbedIds![0],
      version: 1,
      update: { email: p.email },
      status: 'delivered',
      createdAt: new Date(),
    });
    const opened = await mutate(ERASE, { input: { identifier: { type: 'EMAIL', value: ` ${p.email.toUpperCase()} ` } } });
    expect(opened).toMatchObject({ kind: 'ERASURE', customerId: p.id, status: 'PENDING' });
    expect(new Date(opened.dueAt).getTime() - new Date(opened.receivedAt).getTime()).toBe(30 * 24 * 3600 * 1000);

    const done = await settled(opened.id);
    expect(done.status).toBe('COMPLETED');
    expect(done.history.map((h) => h.status)).toEqual(['PENDING', 'VERIFYING', 'COMPLETED']);
    expect(done.receipt!.verified).toBe(true);
    expect(done.receipt!.services.map((s) => s.service)).toEqual([...PRIVACY_SERVICES]);
    const governanceLine = done.receipt!.services.find((s) => s.service === 'governance')!;
    expect(JSON.parse(governanceLine.deleted)).toMatchObject({ consentEntries: 2, queuedJobs: 1, partnerDeliveries: 1 });
    expect(await mongo.collection('partner_deliveries').countDocuments({ customerId: { $in: [p.id, ...p.absorbedIds!] } })).toBe(0);
    expect(done.receipt!.services.find((s) => s.service === 'insights')).toMatchObject({ deletedTotal: 2, remainingTotal: 0 });

    const members = await redis.smembers(suppressionSetKey(gov.config.QUEUE_PREFIX));
    expect(members).toEqual(
      expect.arrayContaining([suppressionHash(TEST_SUPPRESSION_SECRET, `email:${p.email}`), suppressionHash(TEST_SUPPRESSION_SECRET, 'phone:+14155550100')]),
    );
    expect(members.some((m) => m.includes(p.email))).toBe(false);
    expect(await events.getJobCounts('delayed')).toMatchObject({ delayed: 0 });
    await events.close();

    const log = await gov.request<{ auditLog: { seq: number; action: string; details: string }[] }>(
      `query ($s: String) { auditLog(subject: $s) { seq action details } }`,
      { s: opened.id },
    );
    const receiptEntry = log.data!.auditLog.find((e) => e.action === 'erasure.completed')!;
    expect(receiptEntry.seq).toBe(done.receipt!.auditSeq);
    expect(JSON.parse(receiptEntry.details)).toMatchObject({
      verified: true,
      services: expect.arrayContaining([expect.objectContaining({ service: 'touchpoint-store', deleted: 2, remaining: 0 })]),
    });
    expect(receiptEntry.details).not.toContain(p.email);
    expect((await gov.request<{ verifyAuditChain: { valid: boolean } }>('{ verifyAuditChain { valid } }')).data!.verifyAuditChain.valid).toBe(true);
    // The receipt is anchored at once, not at the next timed round (an hour away here).
    const anchors = await connectMongo(testStack().MONGODB_URI, gov.config.AUDIT_ANCHOR_DB);
    const checkpoint = await anchors.collection('audit_checkpoints').findOne({ seq: { $gte: done.receipt!.auditSeq! } });
    await anchors.close();
    expect(checkpoint).not.toBeNull();
  });

  it('re-seeds the Redis suppression set from the database at start', async () => {
    const [db, prefix] = [uniqueName('c360_test_governance'), uniqueName('t')];
    const seeded = await connectMongo(testStack().MONGODB_URI, db);
    const hashes = [suppressionHash(TEST_SUPPRESSION_SECRET, `email:${uniqueName('x')}@example.com`), suppressionHash(TEST_SUPPRESSION_SECRET, 'crmId:C-1')];
    await seeded.collection('suppression_list').insertMany(hashes.map((h) => ({ _id: h as never, requestId: 'r0', addedAt: new Date() })));
    await seeded.close();
    const started = await startTestGovernance({ MONGODB_DB: db, QUEUE_PREFIX: prefix });
    try {
      expect((await redis.smembers(suppressionSetKey(prefix))).sort()).toEqual(hashes.sort());
    } finally {
      await started.stop();
      await redis.del(suppressionSetKey(prefix));
    }
  });

  it('retries a service that fails, and completes once it succeeds', async () => {
    const p = person();
    behaviours.set(p.id, { insights: { failTimes: 2 } });
    const opened = await mutate(ERASE, { input: { customerId: p.id } });
    const done = await settled(opened.id);
    expect(done.status).toBe('COMPLETED');
    expect(attempts.get(`erase:insights:${p.id}`)).toBe(3);
    expect(attempts.get(`erase:generation:${p.id}`)).toBe(1);
  });

  it('leaves the request FAILED with the reason when a service keeps failing', async () => {
    const p = person();
    behaviours.set(p.id, { generation: { failAlways: true } });
    const opened = await mutate(ERASE, { input: { customerId: p.id } });
    const done = await settled(opened.id);
    expect(done).toMatchObject({ status: 'FAILED', failureReason: 'generation: generation store unavailable', receipt: null });
    expect(attempts.get(`erase:generation:${p.id}`)).toBe(3);
    const log = await gov.request<{ auditLog: { action: string }[] }>(`query ($s: String) { auditLog(subject: $s) { action } }`, { s: opened.id });
    expect(log.data!.auditLog.map((e) => e.action)).toContain('erasure.failed');
  });

  it('refuses an unknown subject, an ambiguous one, and callers without the compliance role', async () => {
    const unknown = await gov.request(ERASE, { input: { identifier: { type: 'EMAIL', value: 'nobody@example.com' } } });
    expect(unknown.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const both = await gov.request(ERASE, { input: { customerId: 'x', identifier: { type: 'EMAIL', value: 'a@example.com' } } });
    expect(both.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const marketer = await gov.request(ERASE, { input: { customerId: 'x' } }, { subject: 'm', roles: ['marketer' as never], scopes: [] });
    expect(marketer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('request deadlines', () => {
  it('counts the due date from when the request was received, and lists open requests past it as overdue', async () => {
    const p = person();
    behaviours.set(p.id, { 'touchpoint-store': { failTimes: 2 } });
    const receivedAt = new Date(Date.now() - 31 * 24 * 3600 * 1000).toISOString();
    const opened = await mutate(ACCESS, { input: { customerId: p.id, receivedAt } });
    expect(opened.dueAt).toBe(new Date(new Date(receivedAt).getTime() + 30 * 24 * 3600 * 1000).toISOString());
    expect(opened.overdue).toBe(true);
    const overdue = await gov.request<{ overdueRequests: { id: string }[] }>('{ overdueRequests { id } }');
    expect(overdue.data!.overdueRequests.map((r) => r.id)).toContain(opened.id);
    // The alert on overdue requests reads the same count from /metrics.
    const metrics = await (await fetch(`${gov.service.url}/metrics`)).text();
    const gauge = /^c360_data_subject_requests\{state="overdue"[^}]*\} (\d+)$/m.exec(metrics);
    expect(Number(gauge?.[1])).toBe(overdue.data!.overdueRequests.length);
    const done = await settled(opened.id);
    expect(done.overdue).toBe(false);
    const future = await gov.request(ACCESS, { input: { customerId: p.id, receivedAt: new Date(Date.now() + 86_400_000).toISOString() } });
    expect(future.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('access export', () => {
  it('gathers what every service holds into one JSON document for compliance', async () => {
    const p = person();
    await gov.request(RECORD, { input: { customerId: p.id, purpose: 'EMAIL_MARKETING', channel: 'EMAIL', status: 'GRANTED', source: 'form' } });
    const opened = await mutate(ACCESS, { input: { identifier: { type: 'EMAIL', value: p.email } } });
    const done = await settled(opened.id);
    expect(done.status).toBe('COMPLETED');
    const doc = JSON.parse(done.exportDocument!) as { requestId: string; customerIds: string[]; services: Record<string, Record<string, unknown>> };
    expect(doc.requestId).toBe(opened.id);
    expect(doc.customerIds).toEqual([p.id, ...p.absorbedIds!]);
    expect(Object.keys(doc.services).sort()).toEqual([...PRIVACY_SERVICES].sort());
    expect(doc.services['insights']).toEqual({ heldBy: 'insights', ids: [p.id, ...p.absorbedIds!] });
    expect(doc.services['governance']!['consentHistory']).toEqual([
      expect.objectContaining({ purpose: 'email_marketing', channel: 'email', status: 'granted', recordedBy: 'officer-1' }),
    ]);
    // The parts travelled as job results; none is left in the queues' event streams.
    for (const service of PRIVACY_SERVICES) {
      expect(JSON.stringify(await redis.xrange(`${gov.config.QUEUE_PREFIX}:${privacyQueueName(service)}:events`, '-', '+'))).not.toContain(opened.id);
    }
    const log = await gov.request<{ auditLog: { action: string; details: string }[] }>(`query ($s: String) { auditLog(subject: $s) { action details } }`, {
      s: opened.id,
    });
    const exported = log.data!.auditLog.find((e) => e.action === 'access.exported')!;
    expect(exported.details).not.toContain('email_marketing');
  });
});

describe('restriction', () => {
  it('marks the customer restricted, makes consent clients answer no, and lifts', async () => {
    const p = person();
    const client = new ConsentClient({
      governanceUrl: gov.service.url,
      internalTokenSecret: TEST_SECRET,
      caller: 'test',
      redis,
      queuePrefix: gov.config.QUEUE_PREFIX,
      maxStaleMs: 600_000,
      timeoutMs: 2_000,
    });
    await client.start();
    try {
      expect(await client.isAllowed({ customerId: p.absorbedIds![0]!, purpose: 'profiling' })).toBe(true);
      const opened = await mutate(RESTRICT, { input: { customerId: p.id } });
      expect(opened.status).toBe('COMPLETED');
      await waitFor(
        async () => (await client.check({ customerId: p.absorbedIds![0]!, purpose: 'profiling' })).reason === 'restricted',
        5_000,
        'the restriction to reach the client',
      );
      const restricted = await gov.request<{ _entities: { restricted: boolean }[] }>(
        `query ($id: ID!) { _entities(representations: [{ __typename: "Customer", id: $id }]) { ... on Customer { restricted } } }`,
        { id: p.id },
      );
      expect(restricted.data!._entities[0]!.restricted).toBe(true);

      const lifted = await mutate(LIFT, { id: opened.id });
      expect(lifted.status).toBe('LIFTED');
      await waitFor(async () => client.isAllowed({ customerId: p.absorbedIds![0]!, purpose: 'profiling' }), 5_000, 'the lift to reach the client');
      const again = await gov.request(LIFT, { id: opened.id });
      expect(again.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    } finally {
      await client.close();
    }
  });
});

describe('retention', () => {
  it('runs a retention flow over every data class and audits the run', async () => {
    await mongo
      .collection('access_exports')
      .insertOne({ _id: uniqueName('old') as never, document: '{}', createdAt: new Date(Date.now() - 40 * 24 * 3600 * 1000) });
    const retention = createQueue({ connection: redis, prefix: gov.config.QUEUE_PREFIX }, PRIVACY_QUEUES.retention);
    const job = await retention.add('run', {});
    await retention.close();
    const entry = await waitFor(
      async () => {
        const res = await gov.request<{ auditLog: { action: string; details: string }[] }>(`query ($s: String) { auditLog(subject: $s) { action details } }`, {
          s: `run${job.timestamp}`,
        });
        return res.data?.auditLog.find((e) => e.action === 'retention.run');
      },
      20_000,
      'the retention run to be audited',
    );
    const details = JSON.parse(entry.details) as { deleted: { service: string; dataClass: string; deleted: number }[] };
    expect(details.deleted).toEqual(
      expect.arrayContaining([
        { service: 'touchpoint-store', dataClass: 'touchpoints', deleted: 7 },
        { service: 'governance', dataClass: 'access_exports', deleted: 1 },
        { service: 'generation', dataClass: 'generated_drafts', deleted: 0 },
      ]),
    );
  });

  it('schedules the run as a repeatable job', async () => {
    const scheduled = await startTestGovernance({ RETENTION_CRON: '0 4 * * *' });
    const retention = createQueue({ connection: redis, prefix: scheduled.config.QUEUE_PREFIX }, PRIVACY_QUEUES.retention);
    try {
      expect(await retention.getJobScheduler('retention')).toMatchObject({ pattern: '0 4 * * *' });
    } finally {
      await retention.close();
      await scheduled.stop();
    }
  });
});
