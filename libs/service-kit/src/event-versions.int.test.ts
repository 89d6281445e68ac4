import {
  EVENT_SUBSCRIBERS,
  EVENTS,
  eventQueueName,
  formatPayloadVersion,
  journeyDropoffEventSchema,
  PAYLOAD_VERSIONS,
  predictionBandChangedEventSchema,
  sentimentTurnedEventSchema,
  type EventName,
  type JourneyDropoffEvent,
  type PredictionBandChangedEvent,
  type SentimentTurnedEvent,
} from '@c360/contracts';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import { UnrecoverableError, type Job, type Worker } from 'bullmq';
import type { ZodType } from 'zod';
import { createLogger } from './logger';
import { createQueue, createWorker, EventPublisher, type QueueContext } from './queue';
import { createRedisConnection, type RedisClient } from './redis-connection';

/*
 * Every event this release publishes carries its version, on every subscriber's queue; and the
 * consumers of insights' events as the release before versioning ran them (generation's recovery
 * drafts and governance's partner fan-out parsed with the contract's schema, nothing about versions)
 * read what this release publishes. The other direction and a future major are tested where each
 * consumer lives (generation recovery-versions, governance partner-events, insights content-arms-versions).
 */
const logger = createLogger('event-versions-test', 'silent');
let redis: RedisClient;
const workers: Worker[] = [];

beforeAll(() => {
  redis = createRedisConnection(testStack().REDIS_URL);
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.close()));
  await redis.quit();
});

const context = (): QueueContext => ({ connection: redis, prefix: uniqueName('ev') });
const at = '2026-06-01T10:00:00.000Z';

describe('events across releases', () => {
  it('stamps every event with the version of its contract, on every subscriber’s queue, in publish and publishMany', async () => {
    const ctx = context();
    const publisher = new EventPublisher(ctx);
    const events = Object.values(EVENTS);
    for (const event of events) {
      await publisher.publish(event, { probe: event }, uniqueName('one'));
      await publisher.publishMany(event, [{ payload: { probe: event, many: true }, jobId: uniqueName('many') }]);
    }
    await publisher.close();
    for (const event of events) {
      const version = formatPayloadVersion(PAYLOAD_VERSIONS[event]);
      for (const subscriber of EVENT_SUBSCRIBERS[event]) {
        const jobs = await createQueue<{ many?: boolean }>(ctx, eventQueueName(event, subscriber)).getJobs(['waiting']);
        const data = jobs.map((j) => j.data).sort((a, b) => Number(a.many ?? false) - Number(b.many ?? false));
        expect(data).toEqual([
          { probe: event, schemaVersion: version },
          { probe: event, many: true, schemaVersion: version },
        ]);
      }
    }
  });

  const dropoff: JourneyDropoffEvent = {
    dropoffId: 'd1',
    customerId: 'c1',
    journey: 'checkout',
    stepReached: 'pay',
    stepIndex: 1,
    score: 0.8,
    startedAt: at,
    detectedAt: at,
    channels: ['email'],
  };
  const band: PredictionBandChangedEvent = { customerId: 'c1', kind: 'churn', band: 'high', previousBand: null, modelId: 'm', modelVersion: 1, scoredAt: at };
  const turn: SentimentTurnedEvent = {
    customerId: 'c1',
    messageId: 'm1',
    trendBefore: 0.3,
    trendAfter: -0.5,
    score: -0.9,
    modelVersion: 'lexicon',
    occurredAt: at,
    detectedAt: at,
  };
  const cases: [EventName, ZodType, object][] = [
    [EVENTS.journeyDropoff, journeyDropoffEventSchema, dropoff],
    [EVENTS.predictionBandChanged, predictionBandChangedEventSchema, band],
    [EVENTS.customerSentimentTurned, sentimentTurnedEventSchema, turn],
  ];

  it.each(cases)('%s: every subscriber of the previous release reads what this release publishes', async (event, schema, payload) => {
    const ctx = context();
    const seen: unknown[] = [];
    const previousRelease = async (job: Job) => {
      const parsed = schema.safeParse(job.data);
      if (!parsed.success) throw new UnrecoverableError(`malformed ${event}`);
      seen.push(parsed.data);
    };
    for (const subscriber of EVENT_SUBSCRIBERS[event]) workers.push(createWorker(ctx, eventQueueName(event, subscriber), previousRelease, { logger }));
    const publisher = new EventPublisher(ctx);
    await publisher.publish(event, payload, uniqueName('j'));
    await publisher.close();
    await waitFor(async () => seen.length === EVENT_SUBSCRIBERS[event].length, 15_000, `every subscriber of ${event}`);
    expect(seen).toEqual(EVENT_SUBSCRIBERS[event].map(() => payload));
  });
});
