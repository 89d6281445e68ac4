import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { QUEUES, type ResolveJob } from '@c360/contracts';
import { connectMongo, createLogger, createQueue, createRedisConnection, type RunningService } from '@c360/service-kit';
import { dropDatabase, queuedItems, testStack, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { ACCESS, postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

const root = path.resolve(__dirname, '../../../..');
// Small ingestion jobs, so the kill lands while most of them are still to do.
const apiConfig = testConfig({ WORKER_ROLE: 'api', INGEST_JOB_MAX_ITEMS: '10' });
const TOTAL = 1_000;
let api: RunningService;
let mongo: Connection;
let touchpoints: TouchpointRepository;

/** The ingestion worker as its own process, so it can be killed the way a crash kills it. */
function startWorkerProcess(): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', path.join(root, 'apps/touchpoint-store/src/main.ts')], {
    cwd: root,
    stdio: 'ignore',
    env: {
      PATH: process.env['PATH'] ?? '',
      ...testStack(),
      MONGODB_DB: apiConfig.MONGODB_DB,
      QUEUE_PREFIX: apiConfig.QUEUE_PREFIX,
      INTERNAL_TOKEN_SECRET: apiConfig.INTERNAL_TOKEN_SECRET,
      ACCESS_TOKEN_SECRET: ACCESS.secret,
      SUPPRESSION_SECRET: apiConfig.SUPPRESSION_SECRET,
      WORKER_ROLE: 'worker',
      WORKER_CONCURRENCY: '4',
      STALLED_INTERVAL_MS: '1500',
      PORT: '0',
      LOG_LEVEL: 'silent',
    },
  });
}

beforeAll(async () => {
  api = await startTouchpointStore(apiConfig, createLogger('tp-api', 'silent'));
  mongo = await connectMongo(apiConfig.MONGODB_URI, apiConfig.MONGODB_DB);
  touchpoints = new TouchpointRepository(mongo);
});

afterAll(async () => {
  await api.close();
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, apiConfig.MONGODB_DB);
});

/** The touchpoints waiting in identity-resolve jobs, by messageId (a repeat would be counted twice). */
async function waitingResolutions(): Promise<string[]> {
  const redis = createRedisConnection(apiConfig.REDIS_URL);
  const queue = createQueue({ connection: redis, prefix: apiConfig.QUEUE_PREFIX }, QUEUES.identityResolve);
  try {
    return (await queuedItems<ResolveJob>(queue)).map((r) => r.messageId);
  } finally {
    await queue.close();
    await redis.quit();
  }
}

it('loses no touchpoint and stores none twice when the ingestion worker is killed mid-batch', async () => {
  const batches = Array.from({ length: TOTAL / 500 }, () => Array.from({ length: 500 }, () => touchpoint()));
  const ids = batches.flat().map((t) => t.messageId);
  for (const batch of batches) expect((await postBatch(api.url, batch, await token())).body.accepted).toBe(500);

  const first = startWorkerProcess();
  const storedAtKill = await waitFor(
    async () => {
      const n = await touchpoints.countByIds(ids);
      return n >= 50 && n;
    },
    60_000,
    'the first worker to store some touchpoints',
  );
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const afterKill = await touchpoints.countByIds(ids);
  expect(afterKill).toBeLessThan(TOTAL);

  const second = startWorkerProcess();
  try {
    await waitFor(async () => (await touchpoints.countByIds(ids)) === TOTAL, 90_000, 'every touchpoint to be stored');
    await waitFor(async () => (await waitingResolutions()).length === TOTAL, 15_000, 'a resolution queued per touchpoint');
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }
  // _id is the messageId, so equal counts of ids and documents mean no touchpoint was stored twice.
  expect(await touchpoints.countByIds(ids)).toBe(TOTAL);
  // Nothing consumes identity-resolve here: each touchpoint waits for resolution exactly once, even
  // those whose worker died between storing and queueing.
  const waiting = await waitingResolutions();
  expect(waiting).toHaveLength(TOTAL);
  expect(new Set(waiting)).toEqual(new Set(ids));
  expect(storedAtKill).toBeGreaterThanOrEqual(50);
}, 180_000);
