import type { Connection, Model } from 'mongoose';
import { partnerDeliveryModel, type DeliveryDoc } from '../partners/delivery.repository';

/**
 * Erasure and export over the partner delivery log (kept by the partners module): each delivery
 * holds the update sent to a partner about one customer, a copy of their data.
 */
export class PartnerDeliveryPrivacyRepository {
  private readonly model: Model<DeliveryDoc>;

  constructor(connection: Connection) {
    this.model = partnerDeliveryModel(connection);
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  /** For an access export: which partner received what, and when. */
  async forCustomers(customerIds: readonly string[]): Promise<{ partnerId: string; update: unknown; createdAt: Date }[]> {
    const docs = await this.model
      .find({ customerId: { $in: customerIds } })
      .sort({ createdAt: 1 })
      .lean<DeliveryDoc[]>();
    return docs.map((d) => ({ partnerId: d.partnerId, update: d.update, createdAt: d.createdAt }));
  }
}
