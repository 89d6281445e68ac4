import type { Connection, Model } from 'mongoose';
import { JourneyTimelineRepository } from './journey-timeline.repository';
import type { QuarantinedTouchpointDoc } from './quarantine.repository';
import type { TouchpointDoc } from './touchpoint.repository';

/** A stored item not (yet) linked to any customer, with the identifiers it arrived with. */
export interface UnlinkedItem {
  messageId: string;
  identifiers: Record<string, unknown>;
}

function identifiersOfQuarantined(item: string): Record<string, unknown> {
  try {
    const parsed = JSON.parse(item) as { identifiers?: unknown };
    return parsed.identifiers && typeof parsed.identifiers === 'object' ? (parsed.identifiers as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/**
 * Erasure, export and retention over the touchpoints and quarantine collections. Uses the models
 * TouchpointRepository and QuarantineRepository register (construct those first), so all agree on one schema.
 */
export class TouchpointPrivacyRepository {
  private readonly model: Model<TouchpointDoc>;
  private readonly quarantine: Model<QuarantinedTouchpointDoc>;
  private readonly timelines: JourneyTimelineRepository;

  constructor(connection: Connection) {
    const model = connection.models['Touchpoint'] as Model<TouchpointDoc> | undefined;
    const quarantine = connection.models['QuarantinedTouchpoint'] as Model<QuarantinedTouchpointDoc> | undefined;
    if (!model || !quarantine) throw new Error('TouchpointRepository and QuarantineRepository must be created before TouchpointPrivacyRepository');
    this.model = model;
    this.quarantine = quarantine;
    this.timelines = new JourneyTimelineRepository(connection);
  }

  /** Touchpoints no customer was linked to (resolution pending or failed): only their identifiers say whose they are. */
  async unlinked(): Promise<UnlinkedItem[]> {
    const docs = await this.model.find({ customerId: null }, { _id: 1, identifiers: 1 }).lean<Pick<TouchpointDoc, '_id' | 'identifiers'>[]>();
    return docs.map((d) => ({ messageId: d._id, identifiers: d.identifiers }));
  }

  /** Quarantined items never reached a customer either; each keeps the raw item, identifiers included. */
  async quarantined(): Promise<UnlinkedItem[]> {
    const docs = await this.quarantine.find({}, { _id: 1, item: 1 }).lean<Pick<QuarantinedTouchpointDoc, '_id' | 'item'>[]>();
    return docs.map((d) => ({ messageId: d._id, identifiers: identifiersOfQuarantined(d.item) }));
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
    return this.model.find({ customerId: { $in: customerIds } }).sort({ occurredAt: 1, _id: 1 }).lean<TouchpointDoc[]>();
  }

  /** Retention: raw touchpoints that happened before the cut-off, and their timeline entries. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    await this.timelines.dropBefore(cutoff);
    return (await this.model.deleteMany({ occurredAt: { $lt: cutoff } })).deletedCount;
  }
}
