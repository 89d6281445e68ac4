import type { Channel } from '@c360/contracts';
import type { SentimentLabel, ScoredText } from '@c360/sentiment';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

/** One scored text. The text itself stays with touchpoint-store, its owner: only the score is kept here. */
export interface SentimentScoreRecord {
  messageId: string;
  customerId: string;
  channel: Channel;
  type: string;
  occurredAt: Date;
  score: number;
  label: SentimentLabel;
  modelVersion: string;
}

interface SentimentScoreDoc extends Omit<SentimentScoreRecord, 'messageId'> {
  _id: string;
  scoredAt: Date;
}

const schema = new Schema<SentimentScoreDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    channel: { type: String, required: true },
    type: { type: String, required: true },
    occurredAt: { type: Date, required: true },
    score: { type: Number, required: true },
    label: { type: String, required: true },
    modelVersion: { type: String, required: true },
    scoredAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'sentiment_scores' },
);
// Always read per customer (and the ids merged into it), in time order.
schema.index({ customerId: 1, occurredAt: 1 });

/** Per-customer text sentiment (personal data): one document per scored touchpoint, keyed by messageId. */
export class SentimentScoreRepository {
  private readonly model: Model<SentimentScoreDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<SentimentScoreDoc>(connection, 'SentimentScore', schema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Idempotent: a redelivered touchpoint overwrites its own score. */
  async recordMany(records: readonly SentimentScoreRecord[], scoredAt = new Date()): Promise<void> {
    if (records.length === 0) return;
    await this.model.bulkWrite(
      records.map(({ messageId, ...rest }) => ({ updateOne: { filter: { _id: messageId }, update: { $set: { ...rest, scoredAt } }, upsert: true } })),
      { ordered: false },
    );
  }

  /**
   * The scores of these customers' texts, oldest first; with `asOf`, only texts that had happened by
   * then (point-in-time reads for training features).
   */
  async scoresOf(customerIds: readonly string[], asOf?: Date): Promise<(ScoredText & { messageId: string; customerId: string })[]> {
    const filter = asOf ? { customerId: { $in: [...customerIds] }, occurredAt: { $lte: asOf } } : { customerId: { $in: [...customerIds] } };
    const docs = await this.model
      .find(filter, { customerId: 1, occurredAt: 1, score: 1 })
      .sort({ occurredAt: 1, _id: 1 })
      .lean<Pick<SentimentScoreDoc, '_id' | 'customerId' | 'occurredAt' | 'score'>[]>();
    return docs.map((d) => ({ messageId: d._id, customerId: d.customerId, occurredAt: new Date(d.occurredAt), score: d.score }));
  }

  /** A split: these touchpoints' scores belong to `customerId` now. Idempotent. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length > 0) await this.model.updateMany({ _id: { $in: [...messageIds] } }, { $set: { customerId } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: [...customerIds] } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: [...customerIds] } });
  }

  /** For an access export: every score, oldest first. */
  async forCustomers(customerIds: readonly string[]): Promise<(SentimentScoreRecord & { scoredAt: Date })[]> {
    const docs = await this.model
      .find({ customerId: { $in: [...customerIds] } })
      .sort({ occurredAt: 1 })
      .lean<SentimentScoreDoc[]>();
    return docs.map(({ _id, ...rest }) => ({ messageId: _id, ...rest }));
  }

  /** Retention: drops scores of texts written before the cut-off. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ occurredAt: { $lt: cutoff } })).deletedCount;
  }
}
