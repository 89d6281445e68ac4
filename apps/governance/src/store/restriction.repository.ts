import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

interface RestrictionDoc {
  /** A customer id: every id of the person is restricted, so whichever one a service holds answers "restricted". */
  _id: string;
  requestId: string;
  since: Date;
}

const restrictionSchema = new Schema<RestrictionDoc>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true },
    since: { type: Date, required: true },
  },
  { versionKey: false, collection: 'restrictions' },
);

/** Customers whose data is kept but must not be processed (profiling, generation, partner delivery). */
export class RestrictionRepository {
  private readonly model: Model<RestrictionDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<RestrictionDoc>(connection, 'Restriction', restrictionSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  /** Idempotent: restricting twice keeps the first restriction. */
  async restrict(customerIds: readonly string[], requestId: string, since: Date): Promise<void> {
    await this.model.bulkWrite(customerIds.map((id) => ({ updateOne: { filter: { _id: id }, update: { $setOnInsert: { requestId, since } }, upsert: true } })));
  }

  /** Returns false when none of the ids was restricted. */
  async lift(customerIds: readonly string[]): Promise<boolean> {
    return (await this.model.deleteMany({ _id: { $in: customerIds } })).deletedCount > 0;
  }

  async isRestricted(customerIds: readonly string[]): Promise<boolean> {
    return (await this.model.countDocuments({ _id: { $in: customerIds } })) > 0;
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ _id: { $in: customerIds } })).deletedCount;
  }
}
