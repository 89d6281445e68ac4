import { randomUUID } from 'node:crypto';
import { batchJobOf, jobIdFor, QUEUES, SUPPRESSED_REASON, type BatchJob, type IngestJob, type TimeWindow, type TouchpointInput } from '@c360/contracts';
import type { Queue } from 'bullmq';
import type { IdentifierRegistry } from '@c360/identifiers';
import { suppressionKeysOf, unidentifiableReason, unknownTypeReason } from '../domain/identifier-keys';
import { applyVerdicts, validateBatch, type ItemResult } from '../domain/validate-batch';
import type { IngestBatchRepository } from '../store/ingest-batch.repository';
import type { QuarantineEntry, QuarantineRepository } from '../store/quarantine.repository';
import type { SuppressionList } from '../store/suppression-list';
import type { EventSchemaRegistry } from './event-schema-registry';
import type { PipelineBacklog, QueueBacklog } from './pipeline-backlog';

export interface IntakeReceipt {
  /** Looks the batch up in reconciliation (`ingestReconciliation`): accepted vs stored vs linked. */
  batchId: string;
  accepted: number;
  rejected: number;
  quarantined: number;
  results: ItemResult[];
}

/** A queue of the pipeline holds more than its limit: the caller should come back after `retryAfterSeconds`. */
export class QueueFullError extends Error {
  constructor(
    readonly retryAfterSeconds: number,
    readonly full: readonly QueueBacklog[],
  ) {
    super(`the pipeline is behind (${full.map((b) => `${b.queue}: ${b.depth} jobs waiting, limit ${b.limit}`).join('; ')}); retry later`);
  }
}

export interface IntakeDeps {
  ingestQueue: Queue<BatchJob<IngestJob>>;
  backlog: PipelineBacklog;
  batches: IngestBatchRepository;
  window: TimeWindow;
  registry: EventSchemaRegistry;
  quarantine: QuarantineRepository;
  suppression: SuppressionList;
  /** The deployment's identifier policy, the one identity-graph resolves with. */
  identifiers: IdentifierRegistry;
  retryAfterSeconds: number;
  /** Touchpoints per ingestion job. */
  jobMaxItems: number;
}

type Verdict = { status: 'rejected' | 'quarantined'; reason: string };

// Callers give every item its receipt time; "now" only stands in should one be missing.
const receiptOf = (receivedAt: ReadonlyMap<string, Date>, t: TouchpointInput) => receivedAt.get(t.messageId) ?? new Date();

/**
 * The one way touchpoints enter: each item validated on its own, refused when it names an erased
 * subject, quarantined when it breaks its event schema, and otherwise queued for the ingestion
 * worker under an id derived from its messageId. Used by the HTTP batch endpoint, the mutation and
 * quarantine replay.
 */
export class TouchpointIntake {
  constructor(private readonly deps: IntakeDeps) {}

  get window(): TimeWindow {
    return this.deps.window;
  }

  async submit(items: readonly unknown[], receivedAt = new Date()): Promise<IntakeReceipt> {
    await this.ensureCapacity(items.length);
    const { accepted, results } = validateBatch(items, receivedAt, this.deps.window);
    const { verdicts, batchId } = await this.screenBatch(accepted, new Map(accepted.map((t) => [t.messageId, receivedAt])));
    const final = applyVerdicts(results, verdicts);
    const count = (s: ItemResult['status']) => final.filter((r) => r.status === s).length;
    return { batchId, accepted: count('accepted'), rejected: count('rejected'), quarantined: count('quarantined'), results: final };
  }

  /**
   * Screens touchpoints that passed the envelope and queues the good ones; the map says which were
   * refused or quarantined. `receivedAt` is per item because a replayed item keeps its first receipt
   * time, which clock-skew correction depends on.
   */
  async screen(touchpoints: readonly TouchpointInput[], receivedAt: ReadonlyMap<string, Date>): Promise<Map<string, Verdict>> {
    return (await this.screenBatch(touchpoints, receivedAt)).verdicts;
  }

  private async screenBatch(
    touchpoints: readonly TouchpointInput[],
    receivedAt: ReadonlyMap<string, Date>,
  ): Promise<{ verdicts: Map<string, Verdict>; batchId: string }> {
    const verdicts = new Map<string, Verdict>();
    const keys = new Map(touchpoints.map((t) => [t.messageId, suppressionKeysOf(t, this.deps.identifiers)]));
    const suppressed = await this.deps.suppression.suppressed([...keys.values()].flat());
    const catalog = await this.deps.registry.catalog();
    const held: QuarantineEntry[] = [];
    const queued: TouchpointInput[] = [];
    for (const touchpoint of touchpoints) {
      if ((keys.get(touchpoint.messageId) ?? []).some((k) => suppressed.has(k))) {
        verdicts.set(touchpoint.messageId, { status: 'rejected', reason: SUPPRESSED_REASON });
        continue;
      }
      const refusal = unknownTypeReason(touchpoint, this.deps.identifiers) ?? unidentifiableReason(touchpoint, this.deps.identifiers);
      if (refusal) {
        verdicts.set(touchpoint.messageId, { status: 'rejected', reason: refusal });
        continue;
      }
      const verdict = catalog.judge(touchpoint);
      if (verdict.ok) {
        queued.push(touchpoint);
        continue;
      }
      verdicts.set(touchpoint.messageId, { status: 'quarantined', reason: `${verdict.code}: ${verdict.reasons.join('; ')}` });
      const { code, reasons, event, schemaVersion } = verdict;
      held.push({ messageId: touchpoint.messageId, event, code, reasons, schemaVersion, item: touchpoint, receivedAt: receiptOf(receivedAt, touchpoint) });
    }
    await this.deps.quarantine.hold(held);
    // Recorded before queueing: should queueing fail, the batch shows a gap rather than hiding one.
    const batchId = randomUUID();
    await this.deps.batches.record({ _id: batchId, receivedAt: new Date(), accepted: queued.length });
    await this.enqueue(queued, receivedAt, batchId);
    return { verdicts, batchId };
  }

  private async enqueue(touchpoints: readonly TouchpointInput[], receivedAt: ReadonlyMap<string, Date>, batchId: string): Promise<void> {
    if (touchpoints.length === 0) return;
    await this.deps.ingestQueue.addBulk(
      chunk(touchpoints, this.deps.jobMaxItems).map((part) => ({
        name: 'ingest',
        data: batchJobOf(
          QUEUES.touchpointIngest,
          part.map((touchpoint) => ({ touchpoint, receivedAt: receiptOf(receivedAt, touchpoint).toISOString(), batchId })),
        ),
        // From the messageIds, so the same chunk sent again while queued is queued once; overlapping
        // chunks are harmless, as storing and resolving a messageId twice changes nothing.
        opts: { jobId: jobIdFor('ing', part.map((t) => t.messageId).join('\n')) },
      })),
    );
  }

  /**
   * Refuses work the pipeline cannot catch up with, instead of letting Redis grow without bound: any
   * stage behind (resolution, linking, a customer.updated subscriber) counts, not only intake's queue.
   */
  private async ensureCapacity(items: number): Promise<void> {
    const full = await this.deps.backlog.overLimit(Math.ceil(items / this.deps.jobMaxItems));
    if (full.length > 0) throw new QueueFullError(this.deps.retryAfterSeconds, full);
  }
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let i = 0; i < items.length; i += size) parts.push(items.slice(i, i + size));
  return parts;
}
