import { modelOn, isDuplicateKey } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Draft } from '../providers/content-provider';

export interface StoredDraft extends Draft {
  customerId: string;
  generatedAt: Date;
  basedOnVersion: number;
}

interface DraftDoc extends Omit<StoredDraft, 'customerId'> {
  _id: string;
}

const draftSchema = new Schema<DraftDoc>(
  {
    _id: { type: String, required: true },
    text: { type: String, required: true },
    provider: { type: String, required: true },
    model: { type: String, default: null },
    generatedAt: { type: Date, required: true },
    basedOnVersion: { type: Number, required: true },
  },
  { versionKey: false, collection: 'greeting_drafts' },
);

/** The current greeting per customer id. A draft from an older customer version never replaces a newer one. */
export class DraftRepository {
  private readonly model: Model<DraftDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<DraftDoc>(connection, 'GreetingDraft', draftSchema);
  }

  async saveIfNotStale(draft: StoredDraft): Promise<boolean> {
    const { customerId, ...fields } = draft;
    try {
      await this.model.updateOne({ _id: customerId, basedOnVersion: { $lte: draft.basedOnVersion } }, { $set: fields }, { upsert: true });
      return true;
    } catch (err) {
      // A newer draft exists: the upsert's insert collides with it and the newer one stands.
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ _id: { $in: customerIds } });
  }

  /** For an access export: every draft held for these ids. */
  async forCustomers(customerIds: readonly string[]): Promise<StoredDraft[]> {
    const docs = await this.model.find({ _id: { $in: customerIds } }).lean<DraftDoc[]>();
    return docs.map(({ _id, ...rest }) => ({ ...rest, customerId: _id }));
  }

  /** Retention: drafts generated before the cut-off. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ generatedAt: { $lt: cutoff } })).deletedCount;
  }

  /** The most recently generated draft among the given ids (a customer and those merged into it). */
  async latest(customerIds: readonly string[]): Promise<StoredDraft | null> {
    const doc = await this.model
      .findOne({ _id: { $in: customerIds } })
      .sort({ generatedAt: -1 })
      .lean<DraftDoc>();
    if (!doc) return null;
    const { _id, ...rest } = doc;
    return { ...rest, customerId: _id };
  }
}
