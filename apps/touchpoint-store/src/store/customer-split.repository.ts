import type { Connection } from 'mongoose';

/**
 * Applies identity-graph's splits to touchpoint-store's data: touchpoints are reassigned by
 * messageId, and the restored customer (with what it had absorbed) stops being an alias of the
 * survivor. Written against the collections directly (touchpoints, customer_aliases) because the
 * alias repository only ever adds merges; every write is idempotent, so a redelivery is harmless.
 */
export class CustomerSplitRepository {
  constructor(private readonly connection: Connection) {}

  async reassign(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.connection.collection('touchpoints').updateMany({ _id: { $in: [...messageIds] } } as never, { $set: { customerId } });
  }

  /**
   * The restored customer becomes its own survivor (an alias to itself, dated at the split, so an
   * older merge event arriving late cannot re-alias it); what it had absorbed points at it again.
   */
  async restoreAliases(restoredId: string, lineage: readonly string[], splitAt: Date): Promise<void> {
    const aliases = this.connection.collection('customer_aliases');
    for (const id of [restoredId, ...lineage]) {
      try {
        await aliases.updateOne({ _id: id, mergedAt: { $lt: splitAt } } as never, { $set: { survivorId: restoredId, mergedAt: splitAt } }, { upsert: true });
      } catch (err) {
        // The alias exists with a later change: the upsert's insert collides, and the newer alias stands.
        if ((err as { code?: number }).code !== 11000) throw err;
      }
    }
  }
}
