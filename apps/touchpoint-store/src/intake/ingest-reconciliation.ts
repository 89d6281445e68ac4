import { reconcile, type BatchReconciliation } from '../domain/reconciliation';
import type { IngestBatchRepository } from '../store/ingest-batch.repository';
import type { TouchpointRepository } from '../store/touchpoint.repository';

/**
 * Accepted vs stored vs linked per intake batch, counted from the batch record and the touchpoints
 * themselves rather than from job results, so a touchpoint lost anywhere (a job failed for good, a
 * link never sent) shows as a gap.
 */
export class IngestReconciliation {
  constructor(
    private readonly batches: IngestBatchRepository,
    private readonly touchpoints: TouchpointRepository,
  ) {}

  async ofBatch(batchId: string): Promise<BatchReconciliation | null> {
    const batch = await this.batches.find(batchId);
    if (!batch) return null;
    return reconcile(batch, (await this.touchpoints.countsByBatch([batchId])).get(batchId));
  }

  /** The latest batches, newest first. */
  async recent(limit: number): Promise<BatchReconciliation[]> {
    const batches = await this.batches.recent(limit);
    const counts = await this.touchpoints.countsByBatch(batches.map((b) => b._id));
    return batches.map((b) => reconcile(b, counts.get(b._id)));
  }
}
