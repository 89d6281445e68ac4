import { touchpointsOf, type Channel, type CustomerUpdatedEvent, type ModelAttributes } from '@c360/contracts';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { AttributeRecord, FeatureFacts, TouchFactRecord } from '../domain/features/compute-features';

interface StoredTouch {
  _id: string;
  customerId: string;
  occurredAt: Date;
  channel: Channel;
  type?: string;
  eventKey?: string;
  amount?: number;
}

interface StoredAttributes {
  _id: string;
  customerId: string;
  at: Date;
  attributes: ModelAttributes;
}

const touchSchema = new Schema<StoredTouch>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    channel: { type: String, required: true },
    type: String,
    eventKey: String,
    amount: Number,
  },
  { versionKey: false, collection: 'feature_touches' },
);
touchSchema.index({ customerId: 1, occurredAt: 1 });
touchSchema.index({ occurredAt: 1 });

const attributesSchema = new Schema<StoredAttributes>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    at: { type: Date, required: true },
    attributes: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: 'feature_attributes', minimize: false },
);
attributesSchema.index({ customerId: 1, at: 1 });

const toTouch = (d: StoredTouch): TouchFactRecord & { customerId: string } => ({
  messageId: d._id,
  customerId: d.customerId,
  occurredAt: new Date(d.occurredAt),
  channel: d.channel,
  ...(d.type ? { type: d.type } : {}),
  ...(d.eventKey ? { eventKey: d.eventKey } : {}),
  ...(typeof d.amount === 'number' ? { amount: d.amount } : {}),
});

/**
 * The facts features are computed from, kept from customer.updated: each touchpoint (time, channel,
 * type, event, amount; no identifiers, no text) and the model attributes it reported, keyed by
 * messageId so a redelivery changes nothing and a split can move them. Events carry event time, so
 * a read "as of" a cutoff is point-in-time correct: nothing that happened after it is returned.
 */
export class FeatureFactsRepository {
  private readonly touches: Model<StoredTouch>;
  private readonly attributes: Model<StoredAttributes>;

  constructor(connection: Connection) {
    this.touches = modelOn<StoredTouch>(connection, 'FeatureTouch', touchSchema);
    this.attributes = modelOn<StoredAttributes>(connection, 'FeatureAttributes', attributesSchema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.touches.init();
    await this.touches.createIndexes();
    await this.attributes.init();
    await this.attributes.createIndexes();
  }

  /** The touchpoints (and attributes) a customer.updated adds, under its customer; idempotent. */
  async recordUpdate(event: CustomerUpdatedEvent): Promise<void> {
    const refs = touchpointsOf(event);
    if (refs.length === 0) return;
    await this.touches.bulkWrite(
      refs.map((t) => ({
        updateOne: {
          filter: { _id: t.messageId },
          update: {
            $set: {
              customerId: event.customerId,
              occurredAt: new Date(t.occurredAt),
              channel: t.channel,
              ...(t.type ? { type: t.type } : {}),
              ...(t.eventKey ? { eventKey: t.eventKey } : {}),
              ...(t.value ? { amount: t.value.amount } : {}),
            },
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
    const withAttributes = refs.filter((t) => t.attributes);
    if (withAttributes.length === 0) return;
    await this.attributes.bulkWrite(
      withAttributes.map((t) => ({
        updateOne: {
          filter: { _id: t.messageId },
          update: { $set: { customerId: event.customerId, at: new Date(t.occurredAt), attributes: t.attributes } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  /** Facts of one person (all their ids) that happened at or before `asOf` (default: all). */
  async factsOf(customerIds: readonly string[], asOf?: Date): Promise<Omit<FeatureFacts, 'sentiments'>> {
    const time = asOf ? { $lte: asOf } : undefined;
    const [touches, attributes] = await Promise.all([
      this.touches.find({ customerId: { $in: customerIds }, ...(time ? { occurredAt: time } : {}) }).lean<StoredTouch[]>(),
      this.attributes.find({ customerId: { $in: customerIds }, ...(time ? { at: time } : {}) }).lean<StoredAttributes[]>(),
    ]);
    return { touches: touches.map(toTouch), attributes: attributes.map((a) => ({ at: new Date(a.at), attributes: a.attributes })) };
  }

  /** Every customer id holding facts that happened at or before `asOf`, for training and segmentation. */
  async customersWithFactsBefore(asOf: Date): Promise<string[]> {
    return (await this.touches.distinct('customerId', { occurredAt: { $lte: asOf } })) as string[];
  }

  /** Facts of many customer ids at once (as stored, by id), happened in [from, to]. */
  async touchesBetween(customerIds: readonly string[], from: Date | null, to: Date): Promise<(TouchFactRecord & { customerId: string })[]> {
    const occurredAt = from ? { $gt: from, $lte: to } : { $lte: to };
    return (await this.touches.find({ customerId: { $in: customerIds }, occurredAt }).lean<StoredTouch[]>()).map(toTouch);
  }

  async attributesOf(customerIds: readonly string[], asOf: Date): Promise<(AttributeRecord & { customerId: string })[]> {
    const docs = await this.attributes.find({ customerId: { $in: customerIds }, at: { $lte: asOf } }).lean<StoredAttributes[]>();
    return docs.map((a) => ({ customerId: a.customerId, at: new Date(a.at), attributes: a.attributes }));
  }

  /** A split: these touchpoints (and what they reported) belong to `customerId` now. Idempotent. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    await this.touches.updateMany({ _id: { $in: [...messageIds] } }, { $set: { customerId } });
    await this.attributes.updateMany({ _id: { $in: [...messageIds] } }, { $set: { customerId } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<{ featureTouches: number; featureAttributes: number }> {
    const filter = { customerId: { $in: [...customerIds] } };
    return {
      featureTouches: (await this.touches.deleteMany(filter)).deletedCount,
      featureAttributes: (await this.attributes.deleteMany(filter)).deletedCount,
    };
  }

  async countForCustomers(customerIds: readonly string[]): Promise<{ featureTouches: number; featureAttributes: number }> {
    const filter = { customerId: { $in: [...customerIds] } };
    return { featureTouches: await this.touches.countDocuments(filter), featureAttributes: await this.attributes.countDocuments(filter) };
  }

  /** Retention: facts about touchpoints that happened before the cut-off. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const touches = (await this.touches.deleteMany({ occurredAt: { $lt: cutoff } })).deletedCount;
    return touches + (await this.attributes.deleteMany({ at: { $lt: cutoff } })).deletedCount;
  }
}
