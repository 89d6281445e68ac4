import { personTraitsOf, type PersonTraits } from '@c360/contracts';
import type { Connection, Model } from 'mongoose';
import { JourneyTimelineRepository } from './journey-timeline.repository';
import { quarantineModel, type QuarantinedTouchpointDoc } from './quarantine.repository';
import { touchpointModel, type TouchpointDoc } from './touchpoint.repository';

/** A stored item not (yet) linked to any customer, with the identifiers and person traits it arrived with. */
export interface UnlinkedItem {
  messageId: string;
  identifiers: Record<string, unknown>;
  traits?: PersonTraits;
}

function unlinkedItem(messageId: string, item: { identifiers?: unknown }): UnlinkedItem {
  const identifiers = item.identifiers && typeof item.identifiers === 'object' ? (item.identifiers as Record<string, unknown>) : {};
  return { messageId, identifiers, traits: personTraitsOf(item) };
}

function quarantinedItem(messageId: string, item: string): UnlinkedItem {
  try {
    return unlinkedItem(messageId, JSON.parse(item) as object);
  } catch {
    return { messageId, identifiers: {} };
  }
}

/** Erasure, export and retention over the touchpoints and quarantine collections, with their owners' models. */
export class TouchpointPrivacyRepository {
  private readonly model: Model<TouchpointDoc>;
  private readonly quarantine: Model<QuarantinedTouchpointDoc>;
  private readonly timelines: JourneyTimelineRepository;

  constructor(connection: Connection) {
    this.model = touchpointModel(connection);
    this.quarantine = quarantineModel(connection);
    this.timelines = new JourneyTimelineRepository(connection);
  }

  /** Touchpoints no customer was linked to (resolution pending or failed): only their identifiers say whose they are. */
  async unlinked(): Promise<UnlinkedItem[]> {
    const docs = await this.model
      .find({ customerId: null }, { _id: 1, identifiers: 1, traits: 1, 'properties.traits': 1 })
      .lean<Pick<TouchpointDoc, '_id' | 'identifiers' | 'traits' | 'properties'>[]>();
    return docs.map((d) => unlinkedItem(d._id, d));
  }

  /** Quarantined items never reached a customer either; each keeps the raw item, identifiers included. */
  async quarantined(): Promise<UnlinkedItem[]> {
    const docs = await this.quarantine.find({}, { _id: 1, item: 1 }).lean<Pick<QuarantinedTouchpointDoc, '_id' | 'item'>[]>();
    return docs.map((d) => quarantinedItem(d._id, d.item));
  }

  async deleteUnlinked(messageIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $in: messageIds }, customerId: null })).deletedCount;
  }

  async deleteQuarantined(messageIds: readonly string[]): Promise<number> {
    return (await this.quarantine.deleteMany({ _id: { $in: messageIds } })).deletedCount;
  }

  async messageIds(customerIds: readonly string[]): Promise<string[]> {
    const docs = await this.model.find({ customerId: { $in: customerIds } }, { _id: 1 }).lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    await this.timelines.remove(customerIds);
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  /** For an access export: every touchpoint as stored, identifiers and properties included. */
  async forCustomers(customerIds: readonly string[]): Promise<TouchpointDoc[]> {
    return this.model
      .find({ customerId: { $in: customerIds } })
      .sort({ occurredAt: 1, _id: 1 })
      .lean<TouchpointDoc[]>();
  }

  /** Retention: raw touchpoints that happened before the cut-off, and their timeline entries. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    await this.timelines.dropBefore(cutoff);
    return (await this.model.deleteMany({ occurredAt: { $lt: cutoff } })).deletedCount;
  }
}
