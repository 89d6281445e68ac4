import type { Connection, Model } from 'mongoose';
import type { TouchpointDoc } from './touchpoint.repository';

/**
 * Erasure, export and retention over the touchpoints collection. Uses the model TouchpointRepository
 * registers (construct that first), so both agree on one schema.
 */
export class TouchpointPrivacyRepository {
  private readonly model: Model<TouchpointDoc>;

  constructor(connection: Connection) {
    const model = connection.models['Touchpoint'] as Model<TouchpointDoc> | undefined;
    if (!model) throw new Error('TouchpointRepository must be created before TouchpointPrivacyRepository');
    this.model = model;
  }

  async messageIds(customerIds: readonly string[]): Promise<string[]> {
    const docs = await this.model.find({ customerId: { $in: customerIds } }, { _id: 1 }).lean<{ _id: string }[]>();
    return docs.map((d) => d._id);
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  /** For an access export: every touchpoint as stored, identifiers and properties included. */
  async forCustomers(customerIds: readonly string[]): Promise<TouchpointDoc[]> {
    return this.model.find({ customerId: { $in: customerIds } }).sort({ occurredAt: 1, _id: 1 }).lean<TouchpointDoc[]>();
  }

  /** Retention: raw touchpoints that happened before the cut-off. */
  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ occurredAt: { $lt: cutoff } })).deletedCount;
  }
}
