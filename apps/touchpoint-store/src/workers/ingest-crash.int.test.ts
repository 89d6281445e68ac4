import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { QUEUES } from '@c360/contracts';
import { connectMongo, createLogger, createQueue, createRedisConnection, type RunningService } from '@c360/service-kit';
import { dropDatabase, testStack, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { ACCESS, postBatch, testConfig, token, touchpoint } from '../test-fixtures';

const root = path.resolve(__dirname, '../../../..');
const apiConfig = testConfig({ WORKER_ROLE: 'api' });
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

async function waitingResolutions(): Promise<number> {
  const redis = createRedisConnection(apiConfig.REDIS_URL);
  const queue = createQueue({ connection: redis, prefix: apiConfig.QUEUE_PREFIX }, QUEUES.identityResolve);
  try {
    return await queue.getJobCountByTypes('waiting', 'prioritized', 'delayed');
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
  const storedAtKill = await waitFor(async () => {
    const n = await touchpoints.countByIds(ids);
    return n >= 50 && n;
  }, 60_000, 'the first worker to store some touchpoints');
  first.kill('SIGKILL');
  await new Promise((r) => first.once('exit', r));
  const afterKill = await touchpoints.countByIds(ids);
  expect(afterKill).toBeLessThan(TOTAL);

  const second = startWorkerProcess();
  try {
    await waitFor(async () => (await touchpoints.countByIds(ids)) === TOTAL, 90_000, 'every touchpoint to be stored');
    await waitFor(async () => (await waitingResolutions()) === TOTAL, 15_000, 'a resolution queued per touchpoint');
  } finally {
    second.kill('SIGTERM');
    await new Promise((r) => second.once('exit', r));
  }
  // _id is the messageId, so equal counts of ids and documents mean no touchpoint was stored twice.
  expect(await touchpoints.countByIds(ids)).toBe(TOTAL);
  // Nothing consumes identity-resolve here: exactly one waiting job per touchpoint, even for those
  // whose worker died between storing and queueing.
  expect(await waitingResolutions()).toBe(TOTAL);
  expect(storedAtKill).toBeGreaterThanOrEqual(50);
}, 180_000);
