import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

export type QuarantineStatus = 'held' | 'replayed';

export interface QuarantinedTouchpointDoc {
  /** The item's messageId: a resent violating item replaces its earlier quarantine entry. */
  _id: string;
  event: string;
  code: 'SCHEMA_VIOLATION' | 'UNKNOWN_EVENT';
  reasons: string[];
  schemaVersion: number | null;
  /** The item exactly as received (after envelope validation), as JSON: properties may hold `$` keys. */
  item: string;
  receivedAt: Date;
  quarantinedAt: Date;
  status: QuarantineStatus;
  replayedAt: Date | null;
}

export function quarantineModel(connection: Connection): Model<QuarantinedTouchpointDoc> {
  return modelOn<QuarantinedTouchpointDoc>(connection, 'QuarantinedTouchpoint', quarantineSchema);
}

const quarantineSchema = new Schema<QuarantinedTouchpointDoc>(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    code: { type: String, required: true },
    reasons: { type: [String], required: true },
    schemaVersion: { type: Number, default: null },
    item: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    quarantinedAt: { type: Date, required: true },
    status: { type: String, required: true },
    replayedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'quarantined_touchpoints' },
);
// The GraphQL list reads held items (optionally of one event) newest first, paged by (quarantinedAt, _id).
quarantineSchema.index({ status: 1, event: 1, quarantinedAt: -1, _id: -1 });

export interface QuarantineEntry {
  messageId: string;
  event: string;
  code: QuarantinedTouchpointDoc['code'];
  reasons: string[];
  schemaVersion: number | null;
  item: Record<string, unknown>;
  receivedAt: Date;
}

/** Violating touchpoints, kept with their reasons until they are replayed. */
export class QuarantineRepository {
  private readonly model: Model<QuarantinedTouchpointDoc>;

  constructor(connection: Connection) {
    this.model = quarantineModel(connection);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async hold(entries: readonly QuarantineEntry[], now = new Date()): Promise<void> {
    if (entries.length === 0) return;
    await this.model.bulkWrite(
      entries.map((e) => ({
        replaceOne: {
          filter: { _id: e.messageId },
          replacement: {
            _id: e.messageId,
            event: e.event,
            code: e.code,
            reasons: e.reasons,
            schemaVersion: e.schemaVersion,
            item: JSON.stringify(e.item),
            receivedAt: e.receivedAt,
            quarantinedAt: now,
            status: 'held' as const,
            replayedAt: null,
          },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async list(
    filter: { event?: string; status: QuarantineStatus },
    first: number,
    after: { quarantinedAt: Date; messageId: string } | null,
  ): Promise<QuarantinedTouchpointDoc[]> {
    const position = after
      ? { $or: [{ quarantinedAt: { $lt: after.quarantinedAt } }, { quarantinedAt: after.quarantinedAt, _id: { $lt: after.messageId } }] }
      : {};
    const query = { status: filter.status, ...(filter.event ? { event: filter.event } : {}), ...position };
    return this.model.find(query).sort({ quarantinedAt: -1, _id: -1 }).limit(first).lean<QuarantinedTouchpointDoc[]>();
  }

  async count(filter: { event?: string; status: QuarantineStatus }): Promise<number> {
    return this.model.countDocuments({ status: filter.status, ...(filter.event ? { event: filter.event } : {}) });
  }

  async held(messageIds: readonly string[]): Promise<QuarantinedTouchpointDoc[]> {
    return this.model.find({ _id: { $in: messageIds }, status: 'held' }).lean<QuarantinedTouchpointDoc[]>();
  }

  async heldOfEvent(event: string, limit: number): Promise<QuarantinedTouchpointDoc[]> {
    return this.model.find({ event, status: 'held' }).limit(limit).lean<QuarantinedTouchpointDoc[]>();
  }

  /** Replaces the stored item (a data fix) while it is still held. Returns false when no held entry exists. */
  async correct(messageId: string, item: Record<string, unknown>): Promise<boolean> {
    const res = await this.model.updateOne({ _id: messageId, status: 'held' }, { $set: { item: JSON.stringify(item) } });
    return res.matchedCount === 1;
  }

  async markReplayed(messageIds: readonly string[], now = new Date()): Promise<void> {
    if (messageIds.length === 0) return;
    await this.model.updateMany({ _id: { $in: messageIds }, status: 'held' }, { $set: { status: 'replayed', replayedAt: now } });
  }
}
