import type { PredictionKind, ScoreBand } from '@c360/contracts';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Explanation } from '../domain/predictions/explanation';

export interface StoredScore {
  customerId: string;
  kind: PredictionKind;
  score: number;
  band: ScoreBand;
  modelId: string;
  modelVersion: number;
  scoredAt: Date;
  explanation: Explanation;
  /** Kind-specific figures (CLV: expected purchases, probability alive). */
  details: Record<string, number>;
  /** Next steps only: the most likely next events, most likely first. */
  nextSteps?: { event: string; probability: number }[];
}

type Doc = Omit<StoredScore, 'customerId'> & { _id: string; customerId: string };

const schema = new Schema<Doc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    kind: { type: String, required: true },
    score: { type: Number, required: true },
    band: { type: String, required: true },
    modelId: { type: String, required: true },
    modelVersion: { type: Number, required: true },
    scoredAt: { type: Date, required: true },
    explanation: { type: Schema.Types.Mixed, required: true },
    details: { type: Schema.Types.Mixed, default: {} },
    nextSteps: { type: [{ _id: false, event: String, probability: Number }], default: undefined },
  },
  { versionKey: false, collection: 'prediction_scores', minimize: false },
);
schema.index({ customerId: 1 });
schema.index({ scoredAt: 1 });

const idOf = (customerId: string, kind: PredictionKind) => `${kind}:${customerId}`;
const fromDoc = ({ _id: _ignored, ...d }: Doc): StoredScore => ({ ...d, scoredAt: new Date(d.scoredAt) });

/** Each customer's latest score per kind, with its explanation: personal data, kept only under profiling consent. */
export class ScoreRepository {
  private readonly model: Model<Doc>;

  constructor(connection: Connection) {
    this.model = modelOn<Doc>(connection, 'PredictionScore', schema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Stores a score and answers the band it replaced (null for a first score). */
  async save(score: StoredScore): Promise<{ previousBand: ScoreBand | null }> {
    return (await this.saveMany([score]))[0] as { previousBand: ScoreBand | null };
  }

  /**
   * Stores many scores (one read of the bands they replace, one bulk write) and answers each one's
   * previous band, in order. The caller keeps one customer's scores from being saved by two batches
   * at once (the rescoring batcher does), so the band read is the one each write replaces.
   */
  async saveMany(scores: readonly StoredScore[]): Promise<{ previousBand: ScoreBand | null }[]> {
    if (scores.length === 0) return [];
    const ids = scores.map((s) => idOf(s.customerId, s.kind));
    const previous = await this.model.find({ _id: { $in: ids } }, { band: 1 }).lean<Pick<Doc, '_id' | 'band'>[]>();
    const bands = new Map(previous.map((d) => [d._id, d.band]));
    await this.model.bulkWrite(
      scores.map((s, i) => ({ updateOne: { filter: { _id: ids[i] as string }, update: { $set: s }, upsert: true } })),
      { ordered: false },
    );
    return ids.map((id) => ({ previousBand: bands.get(id) ?? null }));
  }

  async forCustomer(customerId: string): Promise<StoredScore[]> {
    return (await this.model.find({ customerId }).sort({ kind: 1 }).lean<Doc[]>()).map(fromDoc);
  }

  async forCustomers(customerIds: readonly string[]): Promise<StoredScore[]> {
    return (await this.model.find({ customerId: { $in: [...customerIds] } }).lean<Doc[]>()).map(fromDoc);
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: [...customerIds] } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: [...customerIds] } });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ scoredAt: { $lt: cutoff } })).deletedCount;
  }
}
