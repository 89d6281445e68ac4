import type { Channel, TouchpointInput } from '@c360/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import type { JourneyCursor } from '../domain/journey-cursor';

export interface TouchpointDoc {
  /** The client's messageId: as the primary key it makes a second insert of the same message fail. */
  _id: string;
  type: string;
  event?: string;
  channel: Channel;
  occurredAt: Date;
  receivedAt: Date;
  identifiers: Record<string, string>;
  properties: Record<string, unknown>;
  source?: string;
  customerId: string | null;
}

const touchpointSchema = new Schema<TouchpointDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    event: String,
    channel: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    receivedAt: { type: Date, required: true },
    identifiers: { type: Schema.Types.Mixed, required: true },
    properties: { type: Schema.Types.Mixed, default: {} },
    source: String,
    customerId: { type: String, default: null },
  },
  { versionKey: false, collection: 'touchpoints', minimize: false },
);
// Journey reads: one customer's (and its aliases') touchpoints in time order, paged by (occurredAt, _id).
touchpointSchema.index({ customerId: 1, occurredAt: 1, _id: 1 });

const DUPLICATE_KEY = 11000;

export class TouchpointRepository {
  private readonly model: Model<TouchpointDoc>;

  constructor(connection: Connection) {
    this.model = connection.models['Touchpoint'] ?? connection.model<TouchpointDoc>('Touchpoint', touchpointSchema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Stores a touchpoint unless its messageId is already stored; says which happened. */
  async insertOnce(touchpoint: TouchpointInput, receivedAt: Date): Promise<'stored' | 'duplicate'> {
    try {
      await this.model.create({
        _id: touchpoint.messageId,
        type: touchpoint.type,
        event: touchpoint.event,
        channel: touchpoint.channel,
        occurredAt: new Date(touchpoint.occurredAt),
        receivedAt,
        identifiers: touchpoint.identifiers,
        properties: touchpoint.properties,
        source: touchpoint.source,
        customerId: null,
      });
      return 'stored';
    } catch (err) {
      if ((err as { code?: number }).code === DUPLICATE_KEY) return 'duplicate';
      throw err;
    }
  }

  /** Returns false when no such touchpoint is stored. */
  async assignCustomer(messageId: string, customerId: string): Promise<boolean> {
    const res = await this.model.updateOne({ _id: messageId }, { $set: { customerId } });
    return res.matchedCount === 1;
  }

  async journey(customerIds: readonly string[], first: number, after: JourneyCursor | null): Promise<TouchpointDoc[]> {
    const position = after
      ? { $or: [{ occurredAt: { $gt: after.occurredAt } }, { occurredAt: after.occurredAt, _id: { $gt: after.messageId } }] }
      : {};
    return this.model
      .find({ customerId: { $in: customerIds }, ...position })
      .sort({ occurredAt: 1, _id: 1 })
      .limit(first)
      .lean<TouchpointDoc[]>();
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  async countByIds(messageIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ _id: { $in: messageIds } });
  }
}
