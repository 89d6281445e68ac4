import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import { EVENTS, PARTNER_EVENT_TYPES, type PartnerEvent, type PartnerEventType } from '@c360/contracts';

export const DELIVERY_STATUSES = ['pending', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface Delivery {
  id: string;
  partnerId: string;
  customerId: string;
  /** Which event it carries: customer.updated for deliveries made before partners could choose. */
  event: PartnerEventType;
  /** The customer's version for a customer.updated (delivered in version order), 0 for other events. */
  version: number;
  /** The Standard Webhooks message id: the same on every attempt, so the partner can deduplicate. */
  webhookId: string;
  update: PartnerEvent;
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: Date;
  lastError: string | null;
  lastStatusCode: number | null;
  createdAt: Date;
  deliveredAt: Date | null;
  replays: number;
}

export interface DeliveryDoc extends Omit<Delivery, 'id'> {
  _id: string;
}

/** The partner delivery log's model, for this repository and the privacy layer's erasure and export. */
export function partnerDeliveryModel(connection: Connection): Model<DeliveryDoc> {
  return modelOn<DeliveryDoc>(connection, 'PartnerDelivery', deliverySchema);
}

const deliverySchema = new Schema<DeliveryDoc>(
  {
    _id: { type: String, required: true },
    partnerId: { type: String, required: true },
    customerId: { type: String, required: true },
    event: { type: String },
    version: { type: Number, required: true },
    webhookId: { type: String, required: true },
    update: { type: Schema.Types.Mixed, required: true },
    status: { type: String, required: true },
    attempts: { type: Number, required: true },
    nextAttemptAt: { type: Date, required: true },
    lastError: { type: String, default: null },
    lastStatusCode: { type: Number, default: null },
    createdAt: { type: Date, required: true },
    deliveredAt: { type: Date, default: null },
    replays: { type: Number, default: 0 },
  },
  { versionKey: false, collection: 'partner_deliveries' },
);
// Ordering per customer looks for an earlier pending delivery; the log is read per partner, newest first.
deliverySchema.index({ partnerId: 1, customerId: 1, status: 1, version: 1 });
deliverySchema.index({ partnerId: 1, createdAt: -1 });

const toDelivery = ({ _id, event, ...rest }: DeliveryDoc): Delivery => ({ id: _id, event: event ?? EVENTS.customerUpdated, ...rest });

/** customer.updated deliveries, those stored before the event was recorded included. */
const CUSTOMER_UPDATES = { $nin: PARTNER_EVENT_TYPES.filter((t) => t !== EVENTS.customerUpdated) };

export type AttemptOutcome = Pick<Delivery, 'status' | 'attempts' | 'nextAttemptAt' | 'lastError' | 'lastStatusCode' | 'deliveredAt'>;

/** The webhook delivery log: one document per partner and event (a customer's version, a drop-off...), updated on each attempt. */
export class DeliveryRepository {
  private readonly model: Model<DeliveryDoc>;

  constructor(connection: Connection) {
    this.model = partnerDeliveryModel(connection);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Idempotent: a redelivered event finds the delivery it created the first time. */
  async createPending(delivery: Delivery): Promise<Delivery> {
    const { id, ...rest } = delivery;
    await this.model.updateOne({ _id: id }, { $setOnInsert: rest }, { upsert: true });
    return (await this.get(id)) ?? delivery;
  }

  async get(id: string): Promise<Delivery | null> {
    const doc = await this.model.findById(id).lean<DeliveryDoc>();
    return doc ? toDelivery(doc) : null;
  }

  /** The oldest undelivered customer.updated of the same customer with a lower version: it goes first. */
  async pendingBefore(d: Pick<Delivery, 'partnerId' | 'customerId' | 'version'>): Promise<Delivery | null> {
    const doc = await this.model
      .findOne({ partnerId: d.partnerId, customerId: d.customerId, status: 'pending', version: { $lt: d.version }, event: CUSTOMER_UPDATES })
      .sort({ version: 1 })
      .lean<DeliveryDoc>();
    return doc ? toDelivery(doc) : null;
  }

  async recordAttempt(id: string, outcome: AttemptOutcome): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: outcome });
  }

  async list(partnerId: string, status: DeliveryStatus | null, limit: number): Promise<Delivery[]> {
    const filter = status ? { partnerId, status } : { partnerId };
    return (await this.model.find(filter).sort({ createdAt: -1, version: -1 }).limit(limit).lean<DeliveryDoc[]>()).map(toDelivery);
  }

  /** Puts a dead letter back in line; null unless it was dead. */
  async replay(id: string, now: Date): Promise<Delivery | null> {
    const res = await this.model.updateOne(
      { _id: id, status: 'dead' },
      { $set: { status: 'pending', attempts: 0, nextAttemptAt: now, lastError: null }, $inc: { replays: 1 } },
    );
    return res.modifiedCount === 1 ? this.get(id) : null;
  }
}
