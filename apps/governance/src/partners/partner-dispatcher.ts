import type { Queue, Worker } from 'bullmq';
import { INTERNAL_QUEUES, jobIdFor, partnerWebhookQueueName, stampVersion } from '@c360/contracts';
import { createQueue, createWorker, type Logger, type QueueContext } from '@c360/service-kit';
import type { Delivery } from './delivery.repository';
import type { PartnerProfile } from './partner';
import type { PartnerRepository } from './partner.repository';
import { createWebhookDeliveryProcessor, type DeliveryJob, type WebhookDeliveryDeps } from './webhook-delivery.processor';

/**
 * One queue and one worker per partner, with the partner's own concurrency: a partner whose
 * endpoint hangs or fails ties up only its own worker, never another partner's deliveries.
 */
export class PartnerDispatcher {
  private readonly lanes = new Map<string, { queue: Queue<DeliveryJob>; worker: Worker<DeliveryJob> }>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly queues: QueueContext,
    private readonly partners: PartnerRepository,
    private readonly deps: WebhookDeliveryDeps,
    private readonly logger: Logger,
  ) {}

  /** Starts lanes for every partner with a webhook, and looks again periodically for partners registered elsewhere. */
  async start(refreshMs: number): Promise<void> {
    await this.refresh();
    this.timer = setInterval(() => void this.refresh().catch((err: unknown) => this.logger.warn({ err }, 'partner refresh failed')), refreshMs);
    this.timer.unref();
  }

  async refresh(): Promise<void> {
    for (const partner of await this.partners.list()) this.ensure(partner);
  }

  ensure(partner: PartnerProfile): void {
    if (this.closed || !partner.webhookUrl || this.lanes.has(partner.id)) return;
    const name = partnerWebhookQueueName(partner.id);
    const queue = createQueue<DeliveryJob>(this.queues, name);
    const worker = createWorker<DeliveryJob>(this.queues, name, createWebhookDeliveryProcessor(this.deps), {
      concurrency: partner.concurrency,
      logger: this.logger.child({ partnerId: partner.id }),
    });
    this.lanes.set(partner.id, { queue, worker });
  }

  async enqueue(partner: PartnerProfile, delivery: Pick<Delivery, 'id' | 'replays'>): Promise<void> {
    this.ensure(partner);
    const lane = this.lanes.get(partner.id);
    if (!lane) throw new Error(`no delivery lane for partner ${partner.id}`);
    await lane.queue.add('deliver', stampVersion(INTERNAL_QUEUES.partnerWebhooks, { deliveryId: delivery.id }), {
      jobId: jobIdFor('webhook', `${delivery.id}|${delivery.replays}`),
    });
  }

  get workers(): Worker[] {
    return [...this.lanes.values()].map((l) => l.worker);
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    await Promise.all(
      [...this.lanes.values()].map(async ({ queue, worker }) => {
        await worker.close();
        await queue.close();
      }),
    );
  }
}
