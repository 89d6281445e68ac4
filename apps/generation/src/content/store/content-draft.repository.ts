import { isDuplicateKey, modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { ContentChannel, ContentPurpose, VariantParts } from '../../domain/content/content-channels';
import type { GroundingFact } from '../../domain/content/grounding';
import type { DraftStatus } from '../../domain/content/review';
import type { TokenUsage } from '../../domain/content/usage-cost';

export type TriggerKind = 'request' | 'journey.dropoff' | 'prediction.band_changed' | 'customer.sentiment-turned';

export interface DraftVersion {
  version: number;
  variants: VariantParts[];
  editedBy: string;
  editedAt: Date;
  note: string | null;
}

export interface DraftGroundingRecord {
  facts: GroundingFact[];
  placeholders: string[];
  withheld: string[];
  unavailable: string[];
  offers: string[];
}

/** A draft as stored: personal data (it is about one customer and may carry their first name). */
export interface ContentDraft {
  id: string;
  customerId: string;
  /** Every customer id whose data grounded it (the customer and those merged into it then). */
  groundedOnIds: string[];
  channel: ContentChannel;
  purpose: ContentPurpose;
  brief: string;
  status: DraftStatus;
  /** The current variants; `versions` keeps every earlier set, the writer's first. */
  variants: VariantParts[];
  version: number;
  versions: DraftVersion[];
  grounding: DraftGroundingRecord;
  promptVersion: string;
  provider: string;
  model: string | null;
  usage: TokenUsage;
  costUsd: number;
  attempts: number;
  trigger: { kind: TriggerKind; eventId: string | null };
  createdBy: string;
  createdAt: Date;
  updatedAt: Date;
  review: { by: string; at: Date; reason: string | null } | null;
  /** The catalogue action this content carries: approved, its variants are that action's arms for the customer. */
  actionId?: string | null;
  /** A recovery draft's: insights' decision it carries out, so the reward of what it leads to reaches that decision. */
  decisionId?: string | null;
  /** A recovery draft's: where its action came from, or why it carries none (for the reviewer). */
  actionNote?: string | null;
  /** An arms event (content.approved / content.withdrawn) stored but not yet published (see content-arms.announcer.ts). */
  armsPending?: ArmsEvent | null;
}

export type ArmsEvent = 'content.approved' | 'content.withdrawn';

interface DraftDoc extends Omit<ContentDraft, 'id'> {
  _id: string;
}

const variantSchema = new Schema({ subject: String, headline: String, body: { type: String, required: true }, callToAction: String }, { _id: false });

const draftSchema = new Schema<DraftDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    groundedOnIds: { type: [String], default: [] },
    channel: { type: String, required: true },
    purpose: { type: String, required: true },
    brief: { type: String, required: true },
    status: { type: String, required: true },
    variants: { type: [variantSchema], default: [] },
    version: { type: Number, required: true },
    versions: { type: [{ version: Number, variants: [variantSchema], editedBy: String, editedAt: Date, note: String }], default: [] },
    grounding: { type: Schema.Types.Mixed, required: true },
    promptVersion: { type: String, required: true },
    provider: { type: String, required: true },
    model: { type: String, default: null },
    usage: { type: Schema.Types.Mixed, required: true },
    costUsd: { type: Number, required: true },
    attempts: { type: Number, required: true },
    trigger: { type: Schema.Types.Mixed, required: true },
    createdBy: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    review: { type: Schema.Types.Mixed, default: null },
    actionId: { type: String, default: null },
    decisionId: { type: String, default: null },
    actionNote: { type: String, default: null },
    armsPending: { type: String, default: null },
  },
  { versionKey: false, collection: 'content_drafts', minimize: false },
);
draftSchema.index({ customerId: 1, createdAt: -1 });
draftSchema.index({ status: 1, createdAt: -1 });
draftSchema.index({ groundedOnIds: 1 });
draftSchema.index({ armsPending: 1, updatedAt: 1 });

function toDraft({ _id, ...rest }: DraftDoc): ContentDraft {
  return { id: _id, ...rest };
}

export interface DraftFilter {
  status?: DraftStatus;
  channel?: ContentChannel;
  purpose?: ContentPurpose;
  customerIds?: readonly string[];
}

/** Content drafts and their review history. Every write is one atomic document update. */
export class ContentDraftRepository {
  private readonly model: Model<DraftDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<DraftDoc>(connection, 'ContentDraft', draftSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** False when a draft with this id exists (a triggered draft's id is its event's, so a redelivery writes nothing). */
  async insert(draft: ContentDraft): Promise<boolean> {
    const { id, ...rest } = draft;
    try {
      await this.model.create({ _id: id, ...rest });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async get(id: string): Promise<ContentDraft | null> {
    const doc = await this.model.findById(id).lean<DraftDoc>();
    return doc ? toDraft(doc) : null;
  }

  /** Newest first; `before` (a createdAt) pages further back. */
  async list(filter: DraftFilter, limit: number, before?: Date): Promise<ContentDraft[]> {
    const query: Record<string, unknown> = {};
    if (filter.status) query['status'] = filter.status;
    if (filter.channel) query['channel'] = filter.channel;
    if (filter.purpose) query['purpose'] = filter.purpose;
    if (filter.customerIds) query['customerId'] = { $in: filter.customerIds };
    if (before) query['createdAt'] = { $lt: before };
    const docs = await this.model.find(query).sort({ createdAt: -1 }).limit(limit).lean<DraftDoc[]>();
    return docs.map(toDraft);
  }

  /** Drafts a recovery trigger wrote for these ids on a channel since a time: what frequency caps count. */
  async countTriggeredSince(customerIds: readonly string[], channel: ContentChannel, since: Date): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds }, channel, 'trigger.kind': { $ne: 'request' }, createdAt: { $gte: since } });
  }

  /** Applies a review decision only if the draft is still in the status it was read in; null when it was not. */
  async transition(
    id: string,
    from: DraftStatus,
    update: { status: DraftStatus; review?: ContentDraft['review']; edit?: DraftVersion; armsPending?: ArmsEvent | null },
    at: Date,
  ): Promise<ContentDraft | null> {
    const set: Record<string, unknown> = { status: update.status, updatedAt: at };
    if (update.review !== undefined) set['review'] = update.review;
    // In the same write as the status, so an announcement is never lost between the two (an outbox of one).
    if (update.armsPending) set['armsPending'] = update.armsPending;
    const change: Record<string, unknown> = { $set: set };
    if (update.edit) {
      set['variants'] = update.edit.variants;
      set['version'] = update.edit.version;
      change['$push'] = { versions: update.edit };
    }
    const filter: Record<string, unknown> = { _id: id, status: from };
    if (update.edit) filter['version'] = update.edit.version - 1;
    const doc = await this.model.findOneAndUpdate(filter, change, { new: true }).lean<DraftDoc>();
    return doc ? toDraft(doc) : null;
  }

  /** Drafts whose arms event was stored before `before` and is still unpublished. */
  async pendingArms(before: Date, limit: number): Promise<ContentDraft[]> {
    const docs = await this.model
      .find({ armsPending: { $in: ['content.approved', 'content.withdrawn'] }, updatedAt: { $lt: before } })
      .limit(limit)
      .lean<DraftDoc[]>();
    return docs.map(toDraft);
  }

  /** Clears the pending event once published, unless a later one replaced it meanwhile. */
  async armsAnnounced(id: string, event: ArmsEvent): Promise<void> {
    await this.model.updateOne({ _id: id, armsPending: event }, { $set: { armsPending: null } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ $or: [{ customerId: { $in: customerIds } }, { groundedOnIds: { $in: customerIds } }] })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ $or: [{ customerId: { $in: customerIds } }, { groundedOnIds: { $in: customerIds } }] });
  }

  async forCustomers(customerIds: readonly string[]): Promise<ContentDraft[]> {
    const docs = await this.model
      .find({ $or: [{ customerId: { $in: customerIds } }, { groundedOnIds: { $in: customerIds } }] })
      .sort({ createdAt: 1 })
      .lean<DraftDoc[]>();
    return docs.map(toDraft);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount;
  }

  /**
   * customer.split: a draft written for another customer while these ids were merged into it was
   * grounded on this person's data too, and is deleted (it can be drafted again); drafts under the
   * restored ids themselves stay theirs.
   */
  async deleteGroundedOnOthers(restoredIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ groundedOnIds: { $in: restoredIds }, customerId: { $nin: restoredIds } })).deletedCount;
  }
}
