/** One intake batch reconciled: what intake accepted against what the store holds and linked. */
export interface BatchReconciliation {
  batchId: string;
  receivedAt: Date;
  accepted: number;
  stored: number;
  linked: number;
  /** Accepted but not stored. */
  notStored: number;
  /** Stored but not linked to a customer. */
  notLinked: number;
  /** Accepted but not linked: zero once the pipeline has caught up, and the figure to alert on after. */
  gap: number;
}

export function reconcile(
  batch: { _id: string; receivedAt: Date; accepted: number },
  counts: { stored: number; linked: number } | undefined,
): BatchReconciliation {
  const { stored, linked } = counts ?? { stored: 0, linked: 0 };
  const { accepted } = batch;
  return {
    batchId: batch._id,
    receivedAt: batch.receivedAt,
    accepted,
    stored,
    linked,
    notStored: Math.max(0, accepted - stored),
    notLinked: Math.max(0, stored - linked),
    gap: Math.max(0, accepted - linked),
  };
}
