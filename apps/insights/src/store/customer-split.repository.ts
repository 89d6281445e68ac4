import type { Connection } from 'mongoose';

/**
 * Applies identity-graph's splits to insights' copies: touch facts are reassigned by messageId and the
 * restored customer stops being an alias of the survivor. Written against the collections directly
 * (touch_facts, customer_aliases) because the shared repositories only ever add; every write is
 * idempotent, so a redelivery is harmless.
 */
export class CustomerSplitRepository {
  constructor(private readonly connection: Connection) {}

  async reassign(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.connection.collection('touch_facts').updateMany({ _id: { $in: [...messageIds] } } as never, { $set: { customerId } });
  }

  /** The restored customer becomes its own survivor again, dated at the split so a late, older merge cannot undo it. */
  async restoreAliases(restoredId: string, lineage: readonly string[], splitAt: Date): Promise<void> {
    const aliases = this.connection.collection('customer_aliases');
    for (const id of [restoredId, ...lineage]) {
      try {
        await aliases.updateOne({ _id: id, mergedAt: { $lt: splitAt } } as never, { $set: { survivorId: restoredId, mergedAt: splitAt } }, { upsert: true });
      } catch (err) {
        if ((err as { code?: number }).code !== 11000) throw err;
      }
    }
  }
}
