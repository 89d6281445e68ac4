import type { Connection, Model } from 'mongoose';

interface DeliveryDoc {
  _id: string;
  customerId: string;
  partnerId: string;
  update: unknown;
  createdAt: Date;
}

/**
 * Erasure and export over the partner delivery log (kept by the partners module, which registers the
 * `PartnerDelivery` model): each delivery holds the update sent to a partner about one customer, a copy
 * of their data. Without the partners module there is nothing to erase.
 */
export class PartnerDeliveryPrivacyRepository {
  constructor(private readonly connection: Connection) {}

  private get model(): Model<DeliveryDoc> | undefined {
    return this.connection.models['PartnerDelivery'] as Model<DeliveryDoc> | undefined;
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model?.deleteMany({ customerId: { $in: customerIds } }))?.deletedCount ?? 0;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model?.countDocuments({ customerId: { $in: customerIds } })) ?? 0;
  }

  /** For an access export: which partner received what, and when. */
  async forCustomers(customerIds: readonly string[]): Promise<{ partnerId: string; update: unknown; createdAt: Date }[]> {
    const docs = (await this.model?.find({ customerId: { $in: customerIds } }).sort({ createdAt: 1 }).lean<DeliveryDoc[]>()) ?? [];
    return docs.map((d) => ({ partnerId: d.partnerId, update: d.update, createdAt: d.createdAt }));
  }
}
