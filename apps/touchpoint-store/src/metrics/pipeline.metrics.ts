import { Gauge, type Registry } from 'prom-client';
import type { BatchReconciliation } from '../domain/reconciliation';
import type { PipelineBacklog } from '../intake/pipeline-backlog';
import type { IngestReconciliation } from '../intake/ingest-reconciliation';

export interface PipelineMetricsOptions {
  /** Batches the reconciliation gauges sum over (the latest ones). */
  batches: number;
  /** A batch younger than this is still in flight; its gap is not counted as lost yet. */
  settleMs: number;
  /** How long one reconciliation is reused: counting reads the touchpoints, too much for every scrape. */
  cacheMs: number;
}

/**
 * Gauges read at scrape time: each pipeline queue's depth and limit, and accepted / stored / linked /
 * gap summed over the latest batches, plus how many settled batches still have a gap (the alert: a
 * touchpoint accepted and never linked). Labels are queue and stage names only.
 */
export function registerPipelineMetrics(
  registry: Registry,
  backlog: PipelineBacklog,
  reconciliation: IngestReconciliation,
  options: PipelineMetricsOptions,
): void {
  let cached: { at: number; rows: Promise<BatchReconciliation[]> } | null = null;
  const recent = () => {
    if (!cached || Date.now() - cached.at > options.cacheMs) cached = { at: Date.now(), rows: reconciliation.recent(options.batches) };
    return cached.rows;
  };
  new Gauge({
    name: 'c360_pipeline_queue_depth',
    help: 'Jobs waiting (or delayed for retry) in each queue a touchpoint passes after intake',
    labelNames: ['queue', 'bound'],
    registers: [registry],
    async collect() {
      for (const { queue, depth, limit } of await backlog.depths()) {
        this.set({ queue, bound: 'depth' }, depth);
        this.set({ queue, bound: 'limit' }, limit);
      }
    },
  });
  new Gauge({
    name: 'c360_ingest_reconciliation_touchpoints',
    help: 'Touchpoints of the latest intake batches: accepted, stored, linked, and gap (accepted but not linked)',
    labelNames: ['stage'],
    registers: [registry],
    async collect() {
      const rows = await recent();
      for (const stage of ['accepted', 'stored', 'linked', 'gap'] as const)
        this.set(
          { stage },
          rows.reduce((n, r) => n + r[stage], 0),
        );
    },
  });
  new Gauge({
    name: 'c360_ingest_settled_batches_with_gap',
    help: 'Latest intake batches older than the settle time with touchpoints accepted but not linked',
    registers: [registry],
    async collect() {
      const settledBefore = Date.now() - options.settleMs;
      this.set((await recent()).filter((r) => r.receivedAt.getTime() < settledBefore && r.gap > 0).length);
    },
  });
}
