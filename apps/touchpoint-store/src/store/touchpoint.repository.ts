import { modelOn, onlyDuplicateKeys } from '@c360/service-kit';
import { channelFamilyOf, correctClockSkew, eventKeyOf, type Channel, type ChannelFamily, type Money, type TouchpointInput } from '@c360/contracts';
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import type { JourneyCursor } from '../domain/journey-cursor';
import { effectiveMerges, finalOwners, timelineEntryOf, type CustomerMerge } from '../domain/journey-timeline';
import { JourneyTimelineRepository } from './journey-timeline.repository';

export interface TouchpointDoc {
  /** The client's messageId: as the primary key it makes a second insert of the same message fail. */
  _id: string;
  type: string;
  event?: string;
  /** The event name, or the type for unnamed calls: what funnels, paths and stage rules match on. */
  eventKey: string;
  channel: Channel;
  family: ChannelFamily;
  /** When it happened, corrected for the sender's clock skew where sentAt allowed it. */
  occurredAt: Date;
  /** occurredAt exactly as the sender stated it. */
  clientOccurredAt: Date;
  sentAt?: Date;
  receivedAt: Date;
  clockSkewMs: number;
  identifiers: Record<string, string>;
  properties: Record<string, unknown>;
  traits?: Record<string, unknown>;
  text?: string;
  value?: Money;
  source?: string;
  /** The intake batches that accepted this message (a resend adds its batch): what reconciliation counts. */
  batchIds?: string[];
  customerId: string | null;
}

/** The touchpoints collection's model: the one schema every module reading touchpoints uses. */
export function touchpointModel(connection: Connection): Model<TouchpointDoc> {
  return modelOn<TouchpointDoc>(connection, 'Touchpoint', touchpointSchema);
}

const touchpointSchema = new Schema<TouchpointDoc>(
  {
    _id: { type: String, required: true },
    type: { type: String, required: true },
    event: String,
    eventKey: { type: String, required: true },
    channel: { type: String, required: true },
    family: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    clientOccurredAt: { type: Date, required: true },
    sentAt: Date,
    receivedAt: { type: Date, required: true },
    clockSkewMs: { type: Number, default: 0 },
    identifiers: { type: Schema.Types.Mixed, required: true },
    properties: { type: Schema.Types.Mixed, default: {} },
    traits: Schema.Types.Mixed,
    text: String,
    value: Schema.Types.Mixed,
    source: String,
    batchIds: { type: [String], default: undefined },
    customerId: { type: String, default: null },
  },
  { versionKey: false, collection: 'touchpoints', minimize: false },
);
// Journey pages, sessions and stage read one customer's (and its identities') touchpoints in time
// order, paged by (occurredAt, _id); cohorts read (customerId, occurredAt) only, a covered scan.
touchpointSchema.index({ customerId: 1, occurredAt: 1, _id: 1 });
// Funnels and paths start from the touchpoints of a few event names within a time range.
touchpointSchema.index({ eventKey: 1, occurredAt: 1 });
// Reconciliation counts one batch's touchpoints.
touchpointSchema.index({ batchIds: 1 });

/** One failed document of an unordered insertMany, as the driver reports it. */
interface WriteFault {
  code?: number;
  index: number;
}

export interface StoredOutcome {
  touchpoint: TouchpointInput;
  outcome: 'stored' | 'duplicate';
  occurredAt: Date;
}

export interface JourneyFilter {
  channels?: readonly Channel[];
  eventNames?: readonly string[];
  from?: Date;
  to?: Date;
}

export interface IngestItem {
  touchpoint: TouchpointInput;
  receivedAt: Date;
  batchId?: string;
}

/** The stored form of an accepted touchpoint: derived fields and the clock-skew correction. */
export function toStoredTouchpoint(touchpoint: TouchpointInput, receivedAt: Date, batchId?: string): Omit<TouchpointDoc, 'customerId'> & { customerId: null } {
  const clientOccurredAt = new Date(touchpoint.occurredAt);
  const sentAt = touchpoint.sentAt === undefined ? undefined : new Date(touchpoint.sentAt);
  const { occurredAt, skewMs } = correctClockSkew(clientOccurredAt, sentAt, receivedAt);
  const optional = Object.fromEntries(
    Object.entries({
      event: touchpoint.event,
      sentAt,
      traits: touchpoint.traits,
      text: touchpoint.text,
      value: touchpoint.value,
      source: touchpoint.source,
      batchIds: batchId && [batchId],
    }).filter(([, v]) => v !== undefined),
  );
  return {
    _id: touchpoint.messageId,
    type: touchpoint.type,
    eventKey: eventKeyOf(touchpoint),
    channel: touchpoint.channel,
    family: channelFamilyOf(touchpoint.channel),
    occurredAt,
    clientOccurredAt,
    receivedAt,
    clockSkewMs: skewMs,
    identifiers: touchpoint.identifiers as Record<string, string>,
    properties: touchpoint.properties,
    ...optional,
    customerId: null,
  };
}

/** The touchpoint as it was accepted, from its stored form (the inverse of toStoredTouchpoint). */
export function touchpointInputOf(doc: TouchpointDoc): TouchpointInput {
  const optional = Object.fromEntries(
    Object.entries({
      event: doc.event,
      sentAt: doc.sentAt?.toISOString(),
      traits: doc.traits,
      text: doc.text,
      value: doc.value,
      source: doc.source,
    }).filter(([, v]) => v !== undefined && v !== null),
  );
  return {
    messageId: doc._id,
    type: doc.type as TouchpointInput['type'],
    channel: doc.channel,
    occurredAt: doc.clientOccurredAt.toISOString(),
    identifiers: doc.identifiers,
    properties: doc.properties,
    ...optional,
  } as TouchpointInput;
}

function journeyQuery(customerIds: readonly string[], filter: JourneyFilter): Record<string, unknown> {
  const time = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lt: filter.to } : {}) };
  return {
    customerId: { $in: customerIds },
    ...(filter.channels?.length ? { channel: { $in: filter.channels } } : {}),
    ...(filter.eventNames?.length ? { eventKey: { $in: filter.eventNames } } : {}),
    ...(Object.keys(time).length ? { occurredAt: time } : {}),
  };
}

export class TouchpointRepository {
  readonly model: Model<TouchpointDoc>;
  readonly timelines: JourneyTimelineRepository;
  /** The same collection typed for the driver, for writes that need none of mongoose's casting. */
  private readonly collection: mongo.Collection<TouchpointDoc>;

  constructor(connection: Connection) {
    this.model = touchpointModel(connection);
    this.timelines = new JourneyTimelineRepository(connection);
    this.collection = this.model.db.collection<TouchpointDoc>(this.model.collection.collectionName);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  /**
   * Fills the derived fields of touchpoints stored before they existed (eventKey, family,
   * clientOccurredAt, clockSkewMs), so older data takes part in analytics. Run at start; safe on
   * several instances at once (each write sets the same values). The (eventKey, occurredAt) index
   * serves the search for a missing eventKey, so a start with nothing to fill costs one index probe.
   */
  async backfillDerivedFields(batchSize = 1_000): Promise<number> {
    let done = 0;
    for (;;) {
      const docs = await this.model.collection
        .find({ eventKey: { $exists: false } }, { projection: { type: 1, event: 1, channel: 1, occurredAt: 1 } })
        .limit(batchSize)
        .toArray();
      if (docs.length === 0) return done;
      await this.model.collection.bulkWrite(
        docs.map((d) => ({
          updateOne: {
            filter: { _id: d._id },
            update: {
              $set: {
                eventKey: (d['event'] as string | undefined) ?? (d['type'] as string),
                family: channelFamilyOf(d['channel'] as Channel),
                clientOccurredAt: d['occurredAt'] as Date,
                clockSkewMs: 0,
              },
            },
          },
        })),
        { ordered: false },
      );
      done += docs.length;
    }
  }

  /** Stores a touchpoint unless its messageId is already stored; says which happened and when it occurred. */
  async insertOnce(touchpoint: TouchpointInput, receivedAt: Date): Promise<{ outcome: 'stored' | 'duplicate'; occurredAt: Date }> {
    const [result] = await this.insertManyOnce([{ touchpoint, receivedAt }]);
    if (!result) throw new Error('insertManyOnce answered nothing');
    return result;
  }

  /**
   * Stores each touchpoint unless its messageId is already stored, in one unordered insertMany (a
   * duplicate does not stop the rest), and says per item which happened and when it occurred.
   */
  async insertManyOnce(items: readonly IngestItem[]): Promise<StoredOutcome[]> {
    const docs = items.map(({ touchpoint, receivedAt, batchId }) => toStoredTouchpoint(touchpoint, receivedAt, batchId));
    const duplicates = new Set<number>();
    try {
      if (docs.length > 0) await this.model.collection.insertMany(docs as never[], { ordered: false });
    } catch (err) {
      if (!onlyDuplicateKeys(err)) throw err;
      for (const e of [(err as { writeErrors: WriteFault | WriteFault[] }).writeErrors].flat()) duplicates.add(e.index);
    }
    await this.addBatchOfDuplicates(items.filter((_, i) => duplicates.has(i)));
    return items.map(({ touchpoint }, i) => ({ touchpoint, outcome: duplicates.has(i) ? 'duplicate' : 'stored', occurredAt: docs[i]!.occurredAt }));
  }

  /** A message sent again in a later batch counts as stored for that batch too, or reconciliation would show a false gap. */
  private async addBatchOfDuplicates(items: readonly IngestItem[]): Promise<void> {
    const byBatch = new Map<string, string[]>();
    for (const { touchpoint, batchId } of items) if (batchId) byBatch.set(batchId, [...(byBatch.get(batchId) ?? []), touchpoint.messageId]);
    if (byBatch.size === 0) return;
    await this.collection.bulkWrite(
      [...byBatch].map(([batchId, ids]) => ({ updateMany: { filter: { _id: { $in: ids } }, update: { $addToSet: { batchIds: batchId } } } })),
      { ordered: false },
    );
  }

  /** Per batch, how many of its touchpoints are stored and how many of those are linked to a customer. */
  async countsByBatch(batchIds: readonly string[]): Promise<Map<string, { stored: number; linked: number }>> {
    if (batchIds.length === 0) return new Map();
    const rows = await this.model.aggregate<{ _id: string; stored: number; linked: number }>([
      { $match: { batchIds: { $in: batchIds } } },
      { $project: { batchIds: 1, customerId: 1 } },
      { $unwind: '$batchIds' },
      { $match: { batchIds: { $in: batchIds } } },
      { $group: { _id: '$batchIds', stored: { $sum: 1 }, linked: { $sum: { $cond: [{ $eq: ['$customerId', null] }, 0, 1] } } } },
    ]);
    return new Map(rows.map((r) => [r._id, { stored: r.stored, linked: r.linked }]));
  }

  /** Returns false when no such touchpoint is stored. */
  async assignCustomer(messageId: string, customerId: string): Promise<boolean> {
    return (await this.assignCustomers([{ messageId, customerId }])).length === 0;
  }

  /**
   * Links touchpoints to customers (one read, one bulk write) and places them in the customers'
   * journey timelines first (see JourneyTimelineRepository); returns the messageIds not stored.
   */
  async assignCustomers(links: readonly { messageId: string; customerId: string }[]): Promise<string[]> {
    if (links.length === 0) return [];
    type Placed = Pick<TouchpointDoc, '_id' | 'customerId' | 'occurredAt' | 'eventKey' | 'channel'>;
    const docs = await this.model
      .find({ _id: { $in: links.map((l) => l.messageId) } }, { customerId: 1, occurredAt: 1, eventKey: 1, channel: 1 })
      .lean<Placed[]>();
    const stored = new Map(docs.map((d) => [d._id, d]));
    const found = links.flatMap(({ messageId, customerId }) => {
      const doc = stored.get(messageId);
      return doc ? [{ messageId, customerId, doc }] : [];
    });
    await this.timelines.place(found.map(({ customerId, doc }) => ({ entry: timelineEntryOf(doc), from: doc.customerId, to: customerId })));
    if (found.length > 0) {
      await this.collection.bulkWrite(
        found.map(({ messageId, customerId }) => ({ updateOne: { filter: { _id: messageId }, update: { $set: { customerId } } } })),
        { ordered: false },
      );
    }
    return links.filter((l) => !stored.has(l.messageId)).map((l) => l.messageId);
  }

  /** A split: these touchpoints belong to `customerId` now. Idempotent. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> {
    await this.assignCustomers(messageIds.map((messageId) => ({ messageId, customerId })));
  }

  /**
   * Moves touchpoints of customers merged away onto their survivors, so analytics group by one id
   * per person. Journeys do not depend on it (they expand identities), so a late or repeated run is harmless.
   *
   * One updateMany per survivor on the merged customer ids (the customerId index serves it), so a
   * touchpoint moves even when its timeline entry was lost. The touchpoints move before the
   * timelines merge: after a crash in between, the merged timelines are still there for the retry.
   */
  async reassignCustomers(merges: readonly CustomerMerge[]): Promise<void> {
    const wanted = effectiveMerges(merges);
    if (wanted.length === 0) return;
    const sourcesOf = new Map<string, string[]>();
    for (const [from, to] of finalOwners(wanted)) sourcesOf.set(to, [...(sourcesOf.get(to) ?? []), from]);
    await this.collection.bulkWrite(
      [...sourcesOf].map(([to, from]) => ({ updateMany: { filter: { customerId: { $in: from } }, update: { $set: { customerId: to } } } })),
      { ordered: false },
    );
    await this.timelines.merge(wanted);
  }

  async journey(customerIds: readonly string[], first: number, after: JourneyCursor | null, filter: JourneyFilter = {}): Promise<TouchpointDoc[]> {
    const position = after ? { $or: [{ occurredAt: { $gt: after.occurredAt } }, { occurredAt: after.occurredAt, _id: { $gt: after.messageId } }] } : {};
    const query = journeyQuery(customerIds, filter);
    return this.model
      .find(Object.keys(position).length ? { $and: [query, position] } : query)
      .sort({ occurredAt: 1, _id: 1 })
      .limit(first)
      .lean<TouchpointDoc[]>();
  }

  /** Every touchpoint of the customers, reduced to what sessions and stage rules read, oldest first. */
  async timeline(
    customerIds: readonly string[],
    filter: JourneyFilter = {},
  ): Promise<Pick<TouchpointDoc, '_id' | 'eventKey' | 'channel' | 'family' | 'occurredAt' | 'type'>[]> {
    return this.model
      .find(journeyQuery(customerIds, filter), { eventKey: 1, channel: 1, family: 1, occurredAt: 1, type: 1 })
      .sort({ occurredAt: 1, _id: 1 })
      .lean();
  }

  async countForCustomers(customerIds: readonly string[], filter: JourneyFilter = {}): Promise<number> {
    return this.model.countDocuments(journeyQuery(customerIds, filter));
  }

  async countByIds(messageIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ _id: { $in: messageIds } });
  }

  async findByIds(messageIds: readonly string[]): Promise<TouchpointDoc[]> {
    return this.model.find({ _id: { $in: messageIds } }).lean<TouchpointDoc[]>();
  }
}
