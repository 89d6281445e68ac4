import { touchpointsOf, type Channel, type CustomerUpdatedEvent, type ModelAttributes } from '@c360/contracts';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { AttributeRecord, FeatureFacts, ProfileRecord, TouchFactRecord } from '../domain/features/compute-features';

/** One touchpoint in a customer's facts document (short keys: a customer may have thousands). */
interface TouchEntry {
  m: string;
  at: Date;
  ch: Channel;
  ty?: string;
  ev?: string;
  amt?: number;
}

interface AttributeEntry {
  m: string;
  at: Date;
  a: ModelAttributes;
}

/** The non-identifying person traits a touchpoint reported, with its source: golden-record traits are chosen from these. */
interface ProfileEntry {
  m: string;
  at: Date;
  src: string;
  p: ProfileRecord['traits'];
}

interface FactsDoc {
  _id: string;
  touches: TouchEntry[];
  attributes: AttributeEntry[];
  /** Absent in documents from before profiles were kept. */
  profiles?: ProfileEntry[];
}

type Entries = { touches: TouchEntry[]; attributes: AttributeEntry[]; profiles: ProfileEntry[] };

const schema = new Schema<FactsDoc>(
  {
    _id: { type: String, required: true },
    touches: { type: Schema.Types.Mixed, default: () => [] },
    attributes: { type: Schema.Types.Mixed, default: () => [] },
    profiles: { type: Schema.Types.Mixed, default: () => [] },
  },
  { versionKey: false, collection: 'feature_facts', minimize: false },
);
schema.index({ 'touches.m': 1 });

type Located<T> = T & { customerId: string };

const toTouch = (customerId: string, e: TouchEntry): Located<TouchFactRecord> => ({
  messageId: e.m,
  customerId,
  occurredAt: new Date(e.at),
  channel: e.ch,
  ...(e.ty ? { type: e.ty } : {}),
  ...(e.ev ? { eventKey: e.ev } : {}),
  ...(typeof e.amt === 'number' ? { amount: e.amt } : {}),
});
const toAttributes = (customerId: string, e: AttributeEntry): Located<AttributeRecord> => ({ customerId, at: new Date(e.at), attributes: e.a });
const toProfile = (customerId: string, e: ProfileEntry): Located<ProfileRecord> => ({ customerId, at: new Date(e.at), source: e.src, traits: e.p });

/** Adds entries to a customer's document ($addToSet: a redelivered entry changes nothing), creating it if need be. */
function addOp(customerId: string, { touches, attributes, profiles }: Entries) {
  const update: Record<string, unknown> = { touches: { $each: touches } };
  if (attributes.length > 0) update['attributes'] = { $each: attributes };
  if (profiles.length > 0) update['profiles'] = { $each: profiles };
  return { updateOne: { filter: { _id: customerId }, update: { $addToSet: update }, upsert: true } };
}

/**
 * The facts features are computed from, kept from customer.updated: each touchpoint (time, channel,
 * type, event, amount; no identifiers, no text) and the model attributes it reported, in one document
 * per customer id, so rescoring reads a person with one lookup by key. Entries are added with
 * $addToSet, so a redelivered event changes nothing, and carry their messageId, so a split can move
 * them. Entries carry event time: a read "as of" a cutoff is point-in-time correct.
 */
export class FeatureFactsRepository {
  private readonly model: Model<FactsDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<FactsDoc>(connection, 'FeatureFacts', schema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  /** The touchpoints (and attributes) a customer.updated adds, under its customer; idempotent. */
  async recordUpdate(event: CustomerUpdatedEvent): Promise<void> {
    await this.recordUpdates([event]);
  }

  /** The touchpoints (and attributes) of many updates, one write per customer in one bulk write; idempotent. */
  async recordUpdates(events: readonly CustomerUpdatedEvent[]): Promise<void> {
    const byCustomer = new Map<string, Entries>();
    for (const event of events) {
      const entry = byCustomer.get(event.customerId) ?? { touches: [], attributes: [], profiles: [] };
      byCustomer.set(event.customerId, entry);
      for (const t of touchpointsOf(event)) {
        entry.touches.push({
          m: t.messageId,
          at: new Date(t.occurredAt),
          ch: t.channel,
          ...(t.type ? { ty: t.type } : {}),
          ...(t.eventKey ? { ev: t.eventKey } : {}),
          ...(t.value ? { amt: t.value.amount } : {}),
        });
        if (t.attributes) entry.attributes.push({ m: t.messageId, at: new Date(t.occurredAt), a: t.attributes });
        // Ranked as identity-graph ranks the golden record's observations: by source, else channel.
        if (t.profile) entry.profiles.push({ m: t.messageId, at: new Date(t.occurredAt), src: t.source ?? t.channel, p: t.profile });
      }
    }
    const writes = [...byCustomer].filter(([, e]) => e.touches.length > 0).map(([customerId, e]) => addOp(customerId, e));
    if (writes.length > 0) await this.model.bulkWrite(writes, { ordered: false });
  }

  /** Facts of each customer id (as kept under it), in one read: what a batch of rescorings groups by person. */
  async factsByCustomer(customerIds: readonly string[]): Promise<Map<string, Omit<FeatureFacts, 'sentiments'>>> {
    const facts = new Map<string, Omit<FeatureFacts, 'sentiments'>>();
    for (const d of await this.docs(customerIds)) {
      facts.set(d._id, {
        touches: d.touches.map((e) => toTouch(d._id, e)),
        attributes: d.attributes.map((e) => toAttributes(d._id, e)),
        profiles: (d.profiles ?? []).map((e) => toProfile(d._id, e)),
      });
    }
    return facts;
  }

  /** Facts of one person (all their ids) that happened at or before `asOf` (default: all). */
  async factsOf(customerIds: readonly string[], asOf?: Date): Promise<Omit<FeatureFacts, 'sentiments'>> {
    const docs = await this.docs(customerIds);
    const until = asOf?.getTime() ?? Infinity;
    return {
      touches: docs.flatMap((d) => d.touches.filter((e) => new Date(e.at).getTime() <= until).map((e) => toTouch(d._id, e))),
      attributes: docs.flatMap((d) => d.attributes.filter((e) => new Date(e.at).getTime() <= until).map((e) => toAttributes(d._id, e))),
      profiles: docs.flatMap((d) => (d.profiles ?? []).filter((e) => new Date(e.at).getTime() <= until).map((e) => toProfile(d._id, e))),
    };
  }

  /** Every customer id holding a fact that happened at or before `asOf`, for training. */
  async customersWithFactsBefore(asOf: Date): Promise<string[]> {
    return (await this.model.find({ 'touches.at': { $lte: asOf } }, { _id: 1 }).lean<{ _id: string }[]>()).map((d) => d._id);
  }

  /** Touchpoints of these customer ids (by the id they are kept under) that happened in (from, to]. */
  async touchesBetween(customerIds: readonly string[], from: Date | null, to: Date): Promise<Located<TouchFactRecord>[]> {
    const [lo, hi] = [from?.getTime() ?? -Infinity, to.getTime()];
    return (await this.docs(customerIds)).flatMap((d) =>
      d.touches.filter((e) => new Date(e.at).getTime() > lo && new Date(e.at).getTime() <= hi).map((e) => toTouch(d._id, e)),
    );
  }

  async attributesOf(customerIds: readonly string[], asOf: Date): Promise<Located<AttributeRecord>[]> {
    return (await this.docs(customerIds)).flatMap((d) => d.attributes.filter((e) => new Date(e.at) <= asOf).map((e) => toAttributes(d._id, e)));
  }

  /** Profile traits these ids reported at or before `asOf` (the golden record as it could be known then). */
  async profilesOf(customerIds: readonly string[], asOf: Date): Promise<Located<ProfileRecord>[]> {
    return (await this.docs(customerIds)).flatMap((d) => (d.profiles ?? []).filter((e) => new Date(e.at) <= asOf).map((e) => toProfile(d._id, e)));
  }

  /** A split: these touchpoints (and what they reported) belong to `customerId` now. Added there first, then taken from elsewhere, so a retry finishes the move. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length === 0) return;
    const wanted = new Set(messageIds);
    const holders = (await this.model.find({ 'touches.m': { $in: [...messageIds] } }).lean<FactsDoc[]>()).filter((d) => d._id !== customerId);
    if (holders.length === 0) return;
    const touches = holders.flatMap((d) => d.touches.filter((e) => wanted.has(e.m)));
    const attributes = holders.flatMap((d) => d.attributes.filter((e) => wanted.has(e.m)));
    const profiles = holders.flatMap((d) => (d.profiles ?? []).filter((e) => wanted.has(e.m)));
    await this.model.bulkWrite([addOp(customerId, { touches, attributes, profiles })]);
    const moved = { m: { $in: [...messageIds] } };
    await this.model.updateMany({ _id: { $in: holders.map((d) => d._id) } }, { $pull: { touches: moved, attributes: moved, profiles: moved } });
  }

  /** Erasure, and a profiling objection (the facts serve profiling alone): every fact kept under these ids. */
  async eraseCustomers(customerIds: readonly string[]): Promise<{ featureTouches: number; featureAttributes: number }> {
    const counts = await this.countForCustomers(customerIds);
    await this.model.deleteMany({ _id: { $in: [...customerIds] } });
    return counts;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<{ featureTouches: number; featureAttributes: number }> {
    const docs = await this.docs(customerIds);
    return {
      featureTouches: docs.reduce((n, d) => n + d.touches.length, 0),
      featureAttributes: docs.reduce((n, d) => n + d.attributes.length + (d.profiles ?? []).length, 0),
    };
  }

  /** Retention: facts about touchpoints that happened before the cut-off. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    const affected = await this.model
      .find({ $or: [{ 'touches.at': { $lt: cutoff } }, { 'attributes.at': { $lt: cutoff } }, { 'profiles.at': { $lt: cutoff } }] })
      .lean<FactsDoc[]>();
    const old = (e: { at: Date }) => new Date(e.at) < cutoff;
    const removed = affected.reduce((n, d) => n + d.touches.filter(old).length + d.attributes.filter(old).length + (d.profiles ?? []).filter(old).length, 0);
    const before = { at: { $lt: cutoff } };
    if (affected.length > 0)
      await this.model.updateMany({ _id: { $in: affected.map((d) => d._id) } }, { $pull: { touches: before, attributes: before, profiles: before } });
    await this.model.deleteMany({ touches: { $size: 0 }, attributes: { $size: 0 } });
    return removed;
  }

  private async docs(customerIds: readonly string[]): Promise<FactsDoc[]> {
    if (customerIds.length === 0) return [];
    return this.model.find({ _id: { $in: [...customerIds] } }).lean<FactsDoc[]>();
  }
}
