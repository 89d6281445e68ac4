import {
  exportResultSchema,
  PRIVACY_JOBS,
  PRIVACY_QUEUES,
  PRIVACY_SERVICES,
  privacyQueueName,
  subjectJobSchema,
  type ServiceName,
  type SubjectJob,
} from '@c360/contracts';
import {
  createLogger,
  createPrivacyProcessor,
  createQueue,
  createRedisConnection,
  createWorker,
  type PrivacyHandlers,
  type RedisClient,
} from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import { startIdentityGraphStandIn, startTestGovernance, type TestGovernance } from '../testing/governance.harness';

/*
 * The privacy jobs and their results across releases, on governance's real flows: this governance
 * (stamps its jobs, checks the results' version) beside services of the release before versioning
 * (read jobs with the schema alone, return unversioned results) and of this one (createPrivacyProcessor:
 * checks the job's version, stamps its result), and a service of a future major. Which release plays
 * each service is chosen per customer, so each test sets its own mix.
 */
type Release = 'previous' | 'current' | 'future-result';
const releases = new Map<string, Partial<Record<ServiceName, Release>>>();
const seenVersions: unknown[] = [];
const logger = createLogger('privacy-versions-test', 'silent');

function handlers(service: ServiceName): PrivacyHandlers {
  return {
    service,
    erase: async (job) => ({ records: job.customerIds.length }),
    verify: async () => ({ records: 0 }),
    export: async (job) => ({ heldBy: service, ids: job.customerIds }),
    retention: async () => 0,
  };
}

/** An export job as the release before versioning served it: the schema alone, an unversioned result. */
async function previousReleaseExport(service: ServiceName, job: Job): Promise<unknown> {
  const parsed = subjectJobSchema.safeParse(job.data);
  if (!parsed.success) throw new UnrecoverableError(`malformed ${job.name} job`);
  seenVersions.push((job.data as { schemaVersion?: unknown }).schemaVersion);
  return { service, data: await handlers(service).export(parsed.data) };
}

function playedService(service: ServiceName) {
  const current = createPrivacyProcessor(handlers(service));
  return async (job: Job) => {
    const release = releases.get((job.data as SubjectJob).customerIds?.[0] ?? '')?.[service] ?? 'current';
    if (release === 'previous') return previousReleaseExport(service, job);
    const result = await current(job);
    return release === 'future-result' ? { ...result, schemaVersion: '2.0', renamedData: result } : result;
  };
}

let gov: TestGovernance;
let identityGraph: Awaited<ReturnType<typeof startIdentityGraphStandIn>>;
let redis: RedisClient;
const workers: Worker[] = [];

const ACCESS = `mutation ($input: DataSubjectInput!) { requestAccess(input: $input) { id status } }`;
const GET = `query ($id: ID!) { dataSubjectRequest(id: $id) { status failureReason exportDocument } }`;
type RequestView = { status: string; failureReason: string | null; exportDocument: string | null };

async function requestAccess(customerId: string): Promise<string> {
  const res = await gov.request<{ requestAccess: { id: string } }>(ACCESS, { input: { customerId } });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.requestAccess.id;
}

async function requestView(id: string): Promise<RequestView | undefined> {
  return (await gov.request<{ dataSubjectRequest: RequestView }>(GET, { id })).data?.dataSubjectRequest;
}

beforeAll(async () => {
  identityGraph = await startIdentityGraphStandIn([]);
  gov = await startTestGovernance({
    IDENTITY_GRAPH_URL: identityGraph.url,
    PRIVACY_JOB_ATTEMPTS: '3',
    PRIVACY_BACKOFF_MS: '50',
    AUDIT_ANCHOR_INTERVAL_MS: '3600000',
  });
  redis = createRedisConnection(testStack().REDIS_URL);
  const queues = { connection: redis, prefix: gov.config.QUEUE_PREFIX };
  for (const service of PRIVACY_SERVICES.filter((s) => s !== 'governance'))
    workers.push(createWorker(queues, privacyQueueName(service), playedService(service), { logger, concurrency: 2 }));
});

afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await gov.stop();
  await redis.quit();
  await identityGraph.close();
});

describe('privacy jobs and results across releases', () => {
  it('services of the previous release read this governance’s jobs, and it reads their unversioned results beside stamped ones', async () => {
    const customerId = uniqueName('c');
    releases.set(customerId, { 'identity-graph': 'previous', 'touchpoint-store': 'previous' });
    seenVersions.length = 0;
    const id = await requestAccess(customerId);
    const done = await waitFor(async () => ((await requestView(id))?.status === 'COMPLETED' ? requestView(id) : undefined), 30_000, 'the export');
    // The previous release was handed a stamped job, and read it with its schema.
    expect(seenVersions).toEqual(['1.0', '1.0']);
    const doc = JSON.parse(done!.exportDocument!) as { services: Record<string, unknown> };
    for (const service of ['identity-graph', 'touchpoint-store', 'insights', 'generation'] as const) {
      expect(doc.services[service]).toEqual({ heldBy: service, ids: [customerId] });
    }
  });

  it('a service of this release reads a job of the previous governance (no version) and a later minor, and stamps its result', async () => {
    const queue = createQueue({ connection: redis, prefix: gov.config.QUEUE_PREFIX }, privacyQueueName('insights'));
    const customerId = uniqueName('c');
    // Kept once done, to read the result (governance's children are read by their parent instead).
    const keep = { removeOnComplete: false };
    const old = await queue.add(PRIVACY_JOBS.export, { requestId: uniqueName('r'), customerIds: [customerId] }, keep);
    const later = await queue.add(
      PRIVACY_JOBS.export,
      { requestId: uniqueName('r'), customerIds: [customerId], schemaVersion: '1.3', reason: 'later field' },
      keep,
    );
    for (const job of [old, later]) {
      await waitFor(async () => (await job.getState()) === 'completed', 15_000, 'the export job');
      const result = (await queue.getJob(job.id as string))?.returnvalue as unknown;
      expect(result).toEqual({ service: 'insights', data: { heldBy: 'insights', ids: [customerId] }, schemaVersion: '1.0' });
      // And governance's release before versioning reads that result.
      expect(exportResultSchema.parse(result)).toEqual({ service: 'insights', data: { heldBy: 'insights', ids: [customerId] } });
    }
  });

  it('a service refuses a job of a future major for good: dead-lettered with the typed reason, nothing done', async () => {
    const queue = createQueue({ connection: redis, prefix: gov.config.QUEUE_PREFIX }, privacyQueueName('generation'));
    const job = await queue.add(PRIVACY_JOBS.export, { requestId: uniqueName('r'), customerIds: [uniqueName('c')], schemaVersion: '2.0' }, { attempts: 5 });
    await waitFor(async () => (await job.getState()) === 'failed', 15_000, 'the future major to be dead-lettered');
    const failed = await queue.getJob(job.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: privacy\.jobs payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect(failed?.returnvalue).toBeFalsy();
  });

  it('governance refuses a result of a future major: the parent waits among the failed jobs with every result, the request unanswered', async () => {
    const customerId = uniqueName('c');
    releases.set(customerId, { insights: 'future-result' });
    const id = await requestAccess(customerId);
    const parents = createQueue({ connection: redis, prefix: gov.config.QUEUE_PREFIX }, PRIVACY_QUEUES.requests);
    const parentId = `access-export-${id}`;
    await waitFor(async () => (await parents.getJob(parentId))?.failedReason !== undefined, 30_000, 'the parent to be refused');
    const parent = await parents.getJob(parentId);
    expect(parent?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: privacy\.results payload is version 2\.0/);
    expect(parent?.attemptsMade).toBe(1);
    expect(await parent?.getState()).toBe('failed');
    // Kept for a retry once governance reads that major: every service's result is still on it.
    expect(Object.keys((await parent?.getChildrenValues()) ?? {})).toHaveLength(PRIVACY_SERVICES.length);
    const request = await requestView(id);
    expect(request?.status).not.toBe('COMPLETED');
    expect(request?.exportDocument).toBeNull();
  });
});
