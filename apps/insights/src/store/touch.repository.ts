import type { Channel } from '@c360/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import type { ChannelEngagement } from '../domain/engagement';

interface Touch {
  _id: string;
  customerId: string;
  channel: Channel;
  occurredAt: Date;
}

const touchSchema = new Schema<Touch>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    occurredAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'touches' },
);
// Engagement is always read per customer (and the customers merged into it).
touchSchema.index({ customerId: 1, channel: 1 });

/**
 * One document per touchpoint, keyed by its messageId, so a redelivered event counts once and the
 * counts can be recomputed rather than drifting like an incremented counter would.
 */
export class TouchRepository {
  private readonly model: Model<Touch>;

  constructor(connection: Connection) {
    this.model = connection.models['Touch'] ?? connection.model<Touch>('Touch', touchSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.createIndexes();
  }

  async record(touch: { messageId: string; customerId: string; channel: Channel; occurredAt: Date }): Promise<void> {
    await this.model.updateOne(
      { _id: touch.messageId },
      { $set: { customerId: touch.customerId, channel: touch.channel, occurredAt: touch.occurredAt } },
      { upsert: true },
    );
  }

  async perChannel(customerIds: readonly string[]): Promise<ChannelEngagement[]> {
    const rows = await this.model.aggregate<{ _id: Channel; touchCount: number; firstSeenAt: Date; lastSeenAt: Date }>([
      { $match: { customerId: { $in: customerIds } } },
      { $group: { _id: '$channel', touchCount: { $sum: 1 }, firstSeenAt: { $min: '$occurredAt' }, lastSeenAt: { $max: '$occurredAt' } } },
    ]);
    return rows.map((r) => ({ channel: r._id, touchCount: r.touchCount, firstSeenAt: new Date(r.firstSeenAt), lastSeenAt: new Date(r.lastSeenAt) }));
  }
}
