import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

interface ExportDoc {
  /** The access request's id. */
  _id: string;
  /** The export as JSON text, exactly as it will be downloaded. */
  document: string;
  createdAt: Date;
}

const exportSchema = new Schema<ExportDoc>(
  { _id: { type: String, required: true }, document: { type: String, required: true }, createdAt: { type: Date, required: true } },
  { versionKey: false, collection: 'access_exports' },
);
exportSchema.index({ createdAt: 1 });

/** Finished access exports: personal data, kept only as long as the access_exports retention allows. */
export class AccessExportRepository {
  private readonly model: Model<ExportDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ExportDoc>(connection, 'AccessExport', exportSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Idempotent: a redelivered job writes the same document again. */
  async save(requestId: string, document: string): Promise<void> {
    await this.model.updateOne({ _id: requestId }, { $set: { document, createdAt: new Date() } }, { upsert: true });
  }

  async document(requestId: string): Promise<string | null> {
    return (await this.model.findById(requestId).lean<ExportDoc>())?.document ?? null;
  }

  async eraseRequests(requestIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $in: requestIds } })).deletedCount;
  }

  async countRequests(requestIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ _id: { $in: requestIds } });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ createdAt: { $lt: cutoff } })).deletedCount;
  }
}
