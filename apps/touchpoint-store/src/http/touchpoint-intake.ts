import { jobIdFor, type IngestJob } from '@c360/contracts';
import type { Queue } from 'bullmq';
import { validateBatch, type ItemResult } from '../domain/validate-batch';

export interface IntakeReceipt {
  accepted: number;
  rejected: number;
  results: ItemResult[];
}

/**
 * The one way touchpoints enter: validated item by item, accepted ones queued for the ingestion
 * worker under ids derived from their messageId. Used by the HTTP batch endpoint and the mutation.
 */
export class TouchpointIntake {
  constructor(private readonly ingestQueue: Queue<IngestJob>) {}

  async submit(items: readonly unknown[]): Promise<IntakeReceipt> {
    const { accepted, results } = validateBatch(items);
    const receivedAt = new Date().toISOString();
    if (accepted.length > 0) {
      await this.ingestQueue.addBulk(
        accepted.map((touchpoint) => ({ name: 'ingest', data: { touchpoint, receivedAt }, opts: { jobId: jobIdFor('ing', touchpoint.messageId) } })),
      );
    }
    const acceptedCount = results.filter((r) => r.status === 'accepted').length;
    return { accepted: acceptedCount, rejected: results.length - acceptedCount, results };
  }
}
