import { modelOn, onlyDuplicateKeys } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { FeatureVector } from '../domain/features/compute-features';

export interface StoredFeatureVector {
  customerId: string;
  features: FeatureVector;
  featureSetVersion: number;
  computedAt: Date;
}

interface Doc {
  _id: string;
  features: FeatureVector;
  featureSetVersion: number;
  computedAt: Date;
}

const schema = new Schema<Doc>(
  {
    _id: { type: String, required: true },
    features: { type: Schema.Types.Mixed, required: true },
    featureSetVersion: { type: Number, required: true },
    computedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'feature_vectors', minimize: false },
);
schema.index({ computedAt: 1 });

/**
 * Each customer's current features (as of their last update), under the customer id that was the
 * survivor when they were computed. Kept only while the customer allows profiling.
 */
export class FeatureVectorRepository {
  private readonly model: Model<Doc>;

  constructor(connection: Connection) {
    this.model = modelOn<Doc>(connection, 'FeatureVector', schema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async save(vector: StoredFeatureVector): Promise<void> {
    await this.saveMany([vector]);
  }

  /** Many customers' vectors in one bulk write. A vector computed earlier never overwrites a later one (updates of one customer may race). */
  async saveMany(vectors: readonly StoredFeatureVector[]): Promise<void> {
    if (vectors.length === 0) return;
    const writes = vectors.map(({ customerId, ...rest }) => ({
      updateOne: { filter: { _id: customerId, computedAt: { $lte: rest.computedAt } }, update: { $set: rest }, upsert: true },
    }));
    try {
      await this.model.bulkWrite(writes, { ordered: false });
    } catch (err) {
      // The upsert of a customer whose stored vector is later collides with it: the later one stands.
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }

  async get(customerId: string): Promise<StoredFeatureVector | null> {
    const doc = await this.model.findById(customerId).lean<Doc>();
    return doc ? { customerId: doc._id, features: doc.features, featureSetVersion: doc.featureSetVersion, computedAt: new Date(doc.computedAt) } : null;
  }

  /** Vectors of many customers (segmentation), in pages of `limit` after `afterId`. */
  async page(afterId: string | null, limit: number): Promise<StoredFeatureVector[]> {
    const docs = await this.model
      .find(afterId ? { _id: { $gt: afterId } } : {})
      .sort({ _id: 1 })
      .limit(limit)
      .lean<Doc[]>();
    return docs.map((d) => ({ customerId: d._id, features: d.features, featureSetVersion: d.featureSetVersion, computedAt: new Date(d.computedAt) }));
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $in: [...customerIds] } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ _id: { $in: [...customerIds] } });
  }

  async forCustomers(customerIds: readonly string[]): Promise<StoredFeatureVector[]> {
    const docs = await this.model.find({ _id: { $in: [...customerIds] } }).lean<Doc[]>();
    return docs.map((d) => ({ customerId: d._id, features: d.features, featureSetVersion: d.featureSetVersion, computedAt: new Date(d.computedAt) }));
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ computedAt: { $lt: cutoff } })).deletedCount;
  }
}
