import { modelOn } from '@c360/service-kit';
import { randomUUID } from 'node:crypto';
import { Schema, type Connection, type Model } from 'mongoose';
import type { ConsentEntry } from '../domain/consent';

interface ConsentEventDoc extends ConsentEntry {
  _id: string;
  customerId: string;
  recordedBy: string;
}

const consentEventSchema = new Schema<ConsentEventDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    purpose: { type: String, required: true },
    channel: { type: String, default: null },
    status: { type: String, required: true },
    source: { type: String, required: true },
    lawfulBasis: { type: String, default: null },
    policyVersion: { type: String, default: null },
    recordedAt: { type: Date, required: true },
    recordedBy: { type: String, required: true },
  },
  { versionKey: false, collection: 'consent_events' },
);
// A customer's ledger is read whole, in time order.
consentEventSchema.index({ customerId: 1, recordedAt: 1 });

/** The consent ledger: entries are only ever appended, so history cannot be rewritten. */
export class ConsentRepository {
  private readonly model: Model<ConsentEventDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ConsentEventDoc>(connection, 'ConsentEvent', consentEventSchema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  async append(customerId: string, entry: ConsentEntry, recordedBy: string): Promise<void> {
    await this.model.create({ _id: randomUUID(), customerId, recordedBy, ...entry });
  }

  /** Every entry, oldest first, with who recorded it: the history a compliance officer reviews. */
  async history(customerIds: readonly string[]): Promise<(ConsentEntry & { recordedBy: string })[]> {
    const docs = await this.model
      .find({ customerId: { $in: customerIds } })
      .sort({ recordedAt: 1, _id: 1 })
      .lean<ConsentEventDoc[]>();
    return docs.map(({ purpose, channel, status, source, lawfulBasis, policyVersion, recordedAt, recordedBy }) => ({
      purpose,
      channel,
      status,
      source,
      lawfulBasis,
      policyVersion,
      recordedAt,
      recordedBy,
    }));
  }

  /** Erasure: the ledger goes with the person; the audit log keeps that consents existed, not who gave them. */
  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  async ledger(customerIds: readonly string[]): Promise<ConsentEntry[]> {
    const docs = await this.model
      .find({ customerId: { $in: customerIds } })
      .sort({ recordedAt: 1 })
      .lean<ConsentEventDoc[]>();
    return docs.map(({ purpose, channel, status, source, lawfulBasis, policyVersion, recordedAt }) => ({
      purpose,
      channel,
      status,
      source,
      lawfulBasis,
      policyVersion,
      recordedAt,
    }));
  }
}
