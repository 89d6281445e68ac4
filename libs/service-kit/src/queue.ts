import { once } from 'node:events';
import { Queue, UnrecoverableError, Worker, type JobsOptions, type Processor, type WorkerOptions } from 'bullmq';
import type { z } from 'zod';
import type { Logger } from './logger';
import { traceJobs, tracePublish, withTraceContext } from './tracing';
import {
  assertReadableVersion,
  contractOfQueue,
  EVENT_SUBSCRIBERS,
  eventQueueName,
  isVersionedContract,
  parseBatchJob,
  stampVersion,
  UnsupportedPayloadVersionError,
  type EventName,
  type EventQueueName,
  type ParsedBatch,
  type QueueName,
  type VersionedContract,
} from '@c360/contracts';
import type { RedisClient } from './redis-connection';
import { trackStartupResource, trackStartupWorker } from './startup-guard';
import { untilStarted } from './bullmq-start';
import { trackActiveJobs } from './worker-drain';

/**
 * Subscribes once the connection is ready. A SUBSCRIBE sent before puts the connection in
 * subscriber mode under ioredis's ready check (INFO), which Redis then refuses; the reconnect that
 * follows forgets the channel, and its messages are silently never received.
 */
export async function subscribeWhenReady(subscriber: RedisClient, channel: string): Promise<void> {
  if (subscriber.status !== 'ready') await once(subscriber, 'ready');
  await subscriber.subscribe(channel);
}

/**
 * Job defaults: retried with exponential backoff, and removed once done because job data may
 * hold identifiers, which must not linger in Redis. Failed jobs are kept a while for inspection.
 * The backoff is jittered: two jobs that failed on the same conflict (a write deadlock between
 * them) would otherwise retry at the same instants and meet again on every attempt.
 */
export const DEFAULT_JOB_OPTIONS: JobsOptions = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 500, jitter: 0.5 },
  removeOnComplete: true,
  removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
};

export interface QueueContext {
  connection: RedisClient;
  prefix: string;
}

/** Closes a handle made with BullMQ's own constructors (a Queue, a FlowProducer) once it has started (untilStarted). */
export async function closeQueueHandle(handle: { waitUntilReady(): Promise<unknown>; close(): Promise<void> }): Promise<void> {
  await untilStarted(handle);
  await handle.close();
}

/** A queue whose jobs carry the trace context of whoever queued them (tracing/job-tracing.ts). */
class TracedQueue<T> extends Queue<T> {
  override async close(): Promise<void> {
    await untilStarted(this);
    await super.close();
  }

  override add(...[name, data, opts]: Parameters<Queue<T>['add']>): ReturnType<Queue<T>['add']> {
    return tracePublish(this.name, 1, () => super.add(name, withTraceContext(data), opts));
  }

  override addBulk(...[jobs]: Parameters<Queue<T>['addBulk']>): ReturnType<Queue<T>['addBulk']> {
    return tracePublish(this.name, jobs.length, () => super.addBulk(jobs.map((job) => ({ ...job, data: withTraceContext(job.data) }))));
  }
}

/** Thrown for a queue name outside libs/contracts' tables: its jobs would have no version to be read by. */
export class UnversionedQueueError extends Error {
  constructor(readonly queue: string) {
    super(`queue ${queue} is no versioned contract: name it in libs/contracts (QUEUES, EVENTS, INTERNAL_QUEUES…) with an entry in PAYLOAD_VERSIONS`);
    this.name = 'UnversionedQueueError';
  }
}

/** The contract of a queue about to be used; the type already requires a QueueName, this catches one forged from a string. */
function contractOrThrow(name: string): VersionedContract {
  const contract = contractOfQueue(name);
  if (!contract) throw new UnversionedQueueError(name);
  return contract;
}

/** A queue of a versioned contract; its producers stamp their payloads (stampVersion, batchJobOf, EventPublisher). */
export function createQueue<T>(ctx: QueueContext, name: QueueName): Queue<T> {
  contractOrThrow(name);
  const queue = new TracedQueue<T>(name, { connection: ctx.connection, prefix: ctx.prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS });
  trackStartupResource(`queue ${name}`, () => queue.close());
  return queue;
}

export interface WorkerSettings extends Partial<WorkerOptions> {
  /** Where the worker reports failed jobs and connection errors; without an `error` listener a Redis fault would be an unhandled error. */
  logger: Logger;
}

/**
 * A worker on one queue, with the listeners every worker needs: a failed job is logged with its
 * queue and id (never its data, which may hold identifiers), and worker errors are logged. Every job's
 * version is checked before the processor sees it (refuseUnreadableVersion), so no consumer, however
 * new its queue, reads a major it does not know with its schema.
 */
export function createWorker<T>(ctx: QueueContext, name: QueueName, processor: Processor<T>, { logger, ...options }: WorkerSettings): Worker<T> {
  const contract = contractOrThrow(name);
  const versioned: Processor<T> = async (job, token, signal) => {
    refuseUnreadableVersion(contract, job.data);
    return processor(job, token, signal);
  };
  const worker = new Worker<T>(name, traceJobs(name, versioned), {
    connection: ctx.connection,
    prefix: ctx.prefix,
    concurrency: 4,
    ...options,
  });
  worker.on('failed', (job, err) => logger.warn({ queue: name, jobId: job?.id, attempts: job?.attemptsMade, err: err.message }, 'job failed'));
  worker.on('error', (err) => logger.warn({ queue: name, err: err.message }, 'worker error'));
  trackActiveJobs(worker);
  trackStartupWorker(worker);
  return worker;
}

/**
 * Refuses, for good, a payload of a major version this consumer does not read: the job goes to the
 * failed set (the queue's dead letters, kept for removeOnFail's week) with the typed error's code
 * first in its reason, to be retried once a consumer that reads it is deployed. No retry before that
 * could do better, and reading it with this release's schema could misread it.
 */
export function refuseUnreadableVersion(contract: VersionedContract, data: unknown): void {
  try {
    assertReadableVersion(contract, data);
  } catch (err) {
    if (err instanceof UnsupportedPayloadVersionError) throw new UnrecoverableError(err.message);
    throw err;
  }
}

/** Publishes an event by adding it to each subscriber's queue under the same deterministic job id. */
export class EventPublisher {
  private readonly queues = new Map<string, Queue>();

  constructor(private readonly ctx: QueueContext) {}

  async publish(event: EventName, payload: object, jobId: string): Promise<void> {
    await Promise.all(
      EVENT_SUBSCRIBERS[event].map((subscriber) => this.queueFor(eventQueueName(event, subscriber)).add(event, stampVersion(event, payload), { jobId })),
    );
  }

  /** Many events in one round trip per subscriber queue. */
  async publishMany(event: EventName, entries: readonly { payload: object; jobId: string }[]): Promise<void> {
    if (entries.length === 0) return;
    await Promise.all(
      EVENT_SUBSCRIBERS[event].map((subscriber) =>
        this.queueFor(eventQueueName(event, subscriber)).addBulk(
          entries.map(({ payload, jobId }) => ({ name: event, data: stampVersion(event, payload), opts: { jobId } })),
        ),
      ),
    );
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queueFor(name: EventQueueName): Queue {
    let queue = this.queues.get(name);
    if (!queue) {
      queue = createQueue(this.ctx, name);
      this.queues.set(name, queue);
    }
    return queue;
  }
}

function describeMalformed(malformed: ParsedBatch<unknown>['malformed']): string {
  const shown = malformed.slice(0, 3).map((m) => `item ${m.index}: ${m.reason}`);
  return malformed.length > 3 ? `${shown.join('; ')}; and ${malformed.length - 3} more` : shown.join('; ');
}

/** A work-queue job read item by item; a job with nothing usable in it fails at once, for good. */
export function readBatchJob<T extends z.ZodType>(queue: string, itemSchema: T, data: unknown): ParsedBatch<z.output<T>> {
  if (isVersionedContract(queue)) refuseUnreadableVersion(queue, data);
  const parsed = parseBatchJob(itemSchema, data);
  if (!parsed || parsed.items.length === 0) throw new UnrecoverableError(`malformed ${queue} job${parsed ? `: ${describeMalformed(parsed.malformed)}` : ''}`);
  return parsed;
}

/**
 * A job's data, its version checked, then its schema (the contract's: a queue's own name, or the family of lanes it is one of): a job of a major this release does not read, or
 * one its schema refuses, fails at once and for good, kept among the failed jobs (the dead letters).
 */
export function readJobData<T extends z.ZodType>(contract: VersionedContract, schema: T, data: unknown): z.output<T> {
  refuseUnreadableVersion(contract, data);
  const parsed = schema.safeParse(data);
  if (!parsed.success)
    throw new UnrecoverableError(`malformed ${contract} job: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/**
 * Called once the good items are done: a job with malformed items then fails for good, so it stays
 * among the failed jobs (bad items and all) for someone to look at, and no retry repeats the work.
 */
export function failOnMalformedItems(queue: string, parsed: ParsedBatch<unknown>): void {
  if (parsed.malformed.length === 0) return;
  const total = parsed.malformed.length + parsed.items.length;
  throw new UnrecoverableError(
    `malformed ${queue} job: ${parsed.malformed.length} of ${total} items (the others were processed): ${describeMalformed(parsed.malformed)}`,
  );
}
