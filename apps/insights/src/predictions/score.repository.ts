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
    const previous = await this.model
      .findOneAndUpdate({ _id: idOf(score.customerId, score.kind) }, { $set: score }, { upsert: true, projection: { band: 1 } })
      .lean<Pick<Doc, 'band'>>();
    return { previousBand: previous?.band ?? null };
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
