import { modelOn } from './mongo';
import { touchpointsOf, type Channel, type CustomerUpdatedEvent } from '@c360/contracts';
import { Schema, type Connection, type Model } from 'mongoose';

interface TouchFact {
  _id: string;
  customerId: string;
  channel: Channel;
  occurredAt: Date;
}

export interface ChannelTouches {
  channel: Channel;
  touchCount: number;
  firstSeenAt: Date;
  lastSeenAt: Date;
}

const touchFactSchema = new Schema<TouchFact>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    occurredAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'touch_facts' },
);
// Always read per customer (and the customers merged into it), grouped by channel.
touchFactSchema.index({ customerId: 1, channel: 1 });

/**
 * A service's own copy of which touchpoints a customer had, where and when (no personal data), kept
 * from `customer.updated`. One document per messageId, so a redelivered event counts once and
 * figures are recomputed rather than drifting like an incremented counter would.
 */
export class TouchFactRepository {
  private readonly model: Model<TouchFact>;

  constructor(connection: Connection) {
    this.model = modelOn<TouchFact>(connection, 'TouchFact', touchFactSchema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Records touches idempotently (keyed by messageId) in one bulk write: the touchpoints of one customer.updated. */
  async recordMany(touches: readonly { messageId: string; customerId: string; channel: Channel; occurredAt: Date }[]): Promise<void> {
    if (touches.length === 0) return;
    await this.model.bulkWrite(
      touches.map((t) => ({
        updateOne: { filter: { _id: t.messageId }, update: { $set: { customerId: t.customerId, channel: t.channel, occurredAt: t.occurredAt } }, upsert: true },
      })),
      { ordered: false },
    );
  }

  /** The touchpoints a customer.updated adds, under its customer. */
  async recordUpdate(event: CustomerUpdatedEvent): Promise<void> {
    await this.recordUpdates([event]);
  }

  /** The touchpoints of many updates, each under its update's customer, in one bulk write. */
  async recordUpdates(events: readonly CustomerUpdatedEvent[]): Promise<void> {
    await this.recordMany(
      events.flatMap((event) =>
        touchpointsOf(event).map(({ messageId, channel, occurredAt }) => ({
          messageId,
          customerId: event.customerId,
          channel,
          occurredAt: new Date(occurredAt),
        })),
      ),
    );
  }

  /** A split: these touches belong to `customerId` now. Idempotent. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length > 0) await this.model.updateMany({ _id: { $in: [...messageIds] } }, { $set: { customerId } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  /** For an access export: the facts themselves, oldest first. */
  async forCustomers(customerIds: readonly string[]): Promise<{ messageId: string; customerId: string; channel: Channel; occurredAt: Date }[]> {
    const docs = await this.model
      .find({ customerId: { $in: customerIds } })
      .sort({ occurredAt: 1 })
      .lean<TouchFact[]>();
    return docs.map(({ _id, customerId, channel, occurredAt }) => ({ messageId: _id, customerId, channel, occurredAt }));
  }

  /** Retention: drops facts about touchpoints that happened before the cut-off. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ occurredAt: { $lt: cutoff } })).deletedCount;
  }

  async perChannel(customerIds: readonly string[]): Promise<ChannelTouches[]> {
    return (await this.perChannelOfMany(new Map([['', customerIds]]))).get('') ?? [];
  }

  /** perChannel for many people in one aggregation: each key's touches over every id in its lineage (as lineagesOf answers). */
  async perChannelOfMany(lineages: ReadonlyMap<string, readonly string[]>): Promise<Map<string, ChannelTouches[]>> {
    const personOf = new Map<string, string>();
    for (const [person, ids] of lineages) for (const id of ids) personOf.set(id, person);
    const rows = await this.model.aggregate<{ _id: { customerId: string; channel: Channel }; touchCount: number; firstSeenAt: Date; lastSeenAt: Date }>([
      { $match: { customerId: { $in: [...personOf.keys()] } } },
      {
        $group: {
          _id: { customerId: '$customerId', channel: '$channel' },
          touchCount: { $sum: 1 },
          firstSeenAt: { $min: '$occurredAt' },
          lastSeenAt: { $max: '$occurredAt' },
        },
      },
    ]);
    const byPerson = new Map<string, Map<Channel, ChannelTouches>>();
    for (const r of rows) {
      const person = personOf.get(r._id.customerId);
      if (person === undefined) continue;
      const channels = byPerson.get(person) ?? new Map<Channel, ChannelTouches>();
      byPerson.set(person, channels);
      const [first, last] = [new Date(r.firstSeenAt), new Date(r.lastSeenAt)];
      const seen = channels.get(r._id.channel);
      channels.set(
        r._id.channel,
        seen
          ? {
              channel: r._id.channel,
              touchCount: seen.touchCount + r.touchCount,
              firstSeenAt: first < seen.firstSeenAt ? first : seen.firstSeenAt,
              lastSeenAt: last > seen.lastSeenAt ? last : seen.lastSeenAt,
            }
          : { channel: r._id.channel, touchCount: r.touchCount, firstSeenAt: first, lastSeenAt: last },
      );
    }
    return new Map([...lineages.keys()].map((person) => [person, [...(byPerson.get(person)?.values() ?? [])]]));
  }
}
