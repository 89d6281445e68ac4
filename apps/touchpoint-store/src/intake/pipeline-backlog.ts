import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName, QUEUES } from '@c360/contracts';
import { createQueue, type QueueContext } from '@c360/service-kit';
import type { Queue } from 'bullmq';

export interface QueueBacklog {
  queue: string;
  /** Jobs waiting (including delayed retries), not those being worked on. */
  depth: number;
  limit: number;
}

export interface BacklogLimits {
  /** Work queues (ingest, resolve, link): jobs of up to INGEST_JOB_MAX_ITEMS touchpoints each. */
  workQueueMaxDepth: number;
  /** Each customer.updated subscriber's queue: one job per customer per resolved batch. */
  eventQueueMaxDepth: number;
}

/**
 * The backlog of every stage a touchpoint passes after intake. Intake finishing says nothing of the
 * consumers behind it (they were 13,000–20,000 jobs behind once ingest was done), so backpressure and
 * the metrics look at the whole pipeline, each consumer's queue on its own.
 */
export class PipelineBacklog {
  private readonly queues: { queue: Queue; limit: number }[];

  constructor(ctx: QueueContext, limits: BacklogLimits) {
    const work = [QUEUES.touchpointIngest, QUEUES.identityResolve, QUEUES.touchpointLink].map((name) => ({ name, limit: limits.workQueueMaxDepth }));
    const events = EVENT_SUBSCRIBERS[EVENTS.customerUpdated].map((s) => ({
      name: eventQueueName(EVENTS.customerUpdated, s),
      limit: limits.eventQueueMaxDepth,
    }));
    this.queues = [...work, ...events].map(({ name, limit }) => ({ queue: createQueue(ctx, name), limit }));
  }

  async depths(): Promise<QueueBacklog[]> {
    return Promise.all(
      this.queues.map(async ({ queue, limit }) => {
        const counts = await queue.getJobCounts('waiting', 'prioritized', 'delayed');
        return { queue: queue.name, depth: Object.values(counts).reduce((a, b) => a + b, 0), limit };
      }),
    );
  }

  /** The queues that would be over their limit once `extraIngestJobs` more ingestion jobs are queued. */
  async overLimit(extraIngestJobs: number): Promise<QueueBacklog[]> {
    const depths = await this.depths();
    return depths.filter((b) => b.depth + (b.queue === QUEUES.touchpointIngest ? extraIngestJobs : 0) > b.limit);
  }

  async close(): Promise<void> {
    await Promise.all(this.queues.map(({ queue }) => queue.close()));
  }
}
