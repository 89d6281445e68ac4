import type { Channel, ContentApprovedEvent, ContentWithdrawnEvent } from '@c360/contracts';
import { isDuplicateKey, modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

/**
 * insights' copy of one approved draft's arms (from content.approved), and what the customer's
 * decisions taught each variant. Personal data: a draft is written for one customer, so its
 * variants' counts describe that person's answers. Stored under the id the draft was written for,
 * read through the identity view; erased, exported, expired (`generated_drafts`, by the draft's
 * creation) and split like the draft itself.
 */
export interface ContentArmRecord {
  draftId: string;
  customerId: string;
  groundedOnIds: string[];
  actionId: string;
  channel: Channel;
  contentChannel: string | null;
  purpose: string | null;
  draftVersion: number | null;
  variantCount: number;
  status: 'approved' | 'withdrawn';
  approvedAt: Date | null;
  withdrawnAt: Date | null;
  draftCreatedAt: Date;
  /** Per variant (index − 1): rewards learnt from, and their sum. */
  n: number[];
  rewardSum: number[];
}

type ContentArmDoc = Omit<ContentArmRecord, 'draftId'> & { _id: string };

const schema = new Schema<ContentArmDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    groundedOnIds: { type: [String], default: [] },
    actionId: { type: String, required: true },
    channel: { type: String, required: true },
    contentChannel: { type: String, default: null },
    purpose: { type: String, default: null },
    draftVersion: { type: Number, default: null },
    variantCount: { type: Number, required: true },
    status: { type: String, required: true },
    approvedAt: { type: Date, default: null },
    withdrawnAt: { type: Date, default: null },
    draftCreatedAt: { type: Date, required: true },
    n: [Number],
    rewardSum: [Number],
  },
  { versionKey: false, collection: 'nba_content_arms' },
);
schema.index({ customerId: 1, status: 1 });
schema.index({ groundedOnIds: 1 });
schema.index({ draftCreatedAt: 1 });

const toRecord = ({ _id, ...rest }: ContentArmDoc): ContentArmRecord => ({ draftId: _id, ...rest });

/**
 * Every write is one atomic document update. A withdrawal wins over an approval whatever their
 * order: an approval only ever inserts, a withdrawal sets the status (inserting a tombstone if the
 * approval has not arrived yet, so a late one cannot bring the arms back).
 */
export class ContentArmRepository {
  private readonly model: Model<ContentArmDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ContentArmDoc>(connection, 'NbaContentArm', schema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async approved(event: ContentApprovedEvent): Promise<void> {
    const insert: Omit<ContentArmDoc, '_id'> = {
      customerId: event.customerId,
      groundedOnIds: event.groundedOnIds,
      actionId: event.actionId,
      channel: event.channel,
      contentChannel: event.contentChannel,
      purpose: event.purpose,
      draftVersion: event.draftVersion,
      variantCount: event.variants,
      status: 'approved',
      approvedAt: new Date(event.approvedAt),
      withdrawnAt: null,
      draftCreatedAt: new Date(event.draftCreatedAt),
      n: new Array<number>(event.variants).fill(0),
      rewardSum: new Array<number>(event.variants).fill(0),
    };
    await this.upsert(event.draftId, { $setOnInsert: insert });
  }

  async withdrawn(event: ContentWithdrawnEvent): Promise<void> {
    await this.upsert(event.draftId, {
      $set: { status: 'withdrawn', withdrawnAt: new Date(event.withdrawnAt) },
      $setOnInsert: {
        customerId: event.customerId,
        groundedOnIds: event.groundedOnIds,
        actionId: event.actionId,
        channel: event.channel,
        variantCount: 0,
        draftCreatedAt: new Date(event.draftCreatedAt),
        n: [],
        rewardSum: [],
      },
    });
  }

  /** Approved arms of these customer ids (a person's ids from the identity view). */
  async activeFor(customerIds: readonly string[]): Promise<ContentArmRecord[]> {
    if (customerIds.length === 0) return [];
    return (await this.model.find({ customerId: { $in: [...customerIds] }, status: 'approved' }).lean<ContentArmDoc[]>()).map(toRecord);
  }

  async byDrafts(draftIds: readonly string[]): Promise<ContentArmRecord[]> {
    if (draftIds.length === 0) return [];
    return (await this.model.find({ _id: { $in: [...draftIds] } }).lean<ContentArmDoc[]>()).map(toRecord);
  }

  /** One reward for a variant, by $inc: concurrent rewards add up without a read. A reward for an erased draft changes nothing. */
  async addReward(draftId: string, variantIndex: number, reward: number): Promise<void> {
    const i = variantIndex - 1;
    await this.model.updateOne({ _id: draftId, variantCount: { $gt: i } }, { $inc: { [`n.${i}`]: 1, [`rewardSum.${i}`]: reward } });
  }

  private about(customerIds: readonly string[]) {
    return { $or: [{ customerId: { $in: [...customerIds] } }, { groundedOnIds: { $in: [...customerIds] } }] };
  }

  /** A person's arms, and arms of another customer's draft grounded on them (as generation erases the drafts). */
  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany(this.about(customerIds))).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments(this.about(customerIds));
  }

  async forCustomers(customerIds: readonly string[]): Promise<ContentArmRecord[]> {
    return (await this.model.find(this.about(customerIds)).sort({ draftCreatedAt: 1 }).lean<ContentArmDoc[]>()).map(toRecord);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ draftCreatedAt: { $lt: cutoff } })).deletedCount;
  }

  /** customer.split: generation deletes a draft written for another customer but grounded on the restored ids; so does its copy here. */
  async deleteGroundedOnOthers(restoredIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ groundedOnIds: { $in: [...restoredIds] }, customerId: { $nin: [...restoredIds] } })).deletedCount;
  }

  private async upsert(id: string, update: Record<string, unknown>): Promise<void> {
    try {
      await this.model.updateOne({ _id: id }, update, { upsert: true });
    } catch (err) {
      // Two deliveries raced to insert: the other one's write stands, and an approval never overwrites anything.
      if (!isDuplicateKey(err)) throw err;
      if ('$set' in update) await this.model.updateOne({ _id: id }, { $set: update['$set'] as Record<string, unknown> });
    }
  }
}
