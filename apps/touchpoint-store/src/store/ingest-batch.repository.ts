import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model, type mongo } from 'mongoose';

/** What intake accepted in one batch; stored and linked are counted from the touchpoints themselves. */
export interface IngestBatchDoc {
  _id: string;
  receivedAt: Date;
  /** Touchpoints queued for ingestion (distinct messageIds), not those refused or quarantined. */
  accepted: number;
}

const ingestBatchSchema = new Schema<IngestBatchDoc>(
  { _id: { type: String, required: true }, receivedAt: { type: Date, required: true }, accepted: { type: Number, required: true } },
  { versionKey: false, collection: 'ingest_batches' },
);
ingestBatchSchema.index({ receivedAt: -1 });

/** The record of each intake batch, the "accepted" side of reconciliation. Carries no personal data. */
export class IngestBatchRepository {
  readonly model: Model<IngestBatchDoc>;
  private readonly collection: mongo.Collection<IngestBatchDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<IngestBatchDoc>(connection, 'IngestBatch', ingestBatchSchema);
    this.collection = this.model.db.collection<IngestBatchDoc>(this.model.collection.collectionName);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async record(batch: IngestBatchDoc): Promise<void> {
    await this.collection.insertOne(batch);
  }

  async find(batchId: string): Promise<IngestBatchDoc | null> {
    return this.model.findById(batchId).lean<IngestBatchDoc>();
  }

  async recent(limit: number): Promise<IngestBatchDoc[]> {
    return this.model.find().sort({ receivedAt: -1, _id: -1 }).limit(limit).lean<IngestBatchDoc[]>();
  }
}
