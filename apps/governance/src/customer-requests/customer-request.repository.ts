import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { ConsentStatus, Purpose } from '../domain/consent';

export const CUSTOMER_REQUEST_KINDS = ['consent_change', 'access', 'erasure'] as const;
export type CustomerRequestKind = (typeof CUSTOMER_REQUEST_KINDS)[number];
export const CUSTOMER_REQUEST_STATUSES = ['received', 'handled'] as const;
export type CustomerRequestStatus = (typeof CUSTOMER_REQUEST_STATUSES)[number];

export interface CustomerRequest {
  id: string;
  kind: CustomerRequestKind;
  customerId: string;
  channel: string;
  reference: string;
  purpose: Purpose | null;
  wantedStatus: ConsentStatus | null;
  status: CustomerRequestStatus;
  receivedAt: Date;
  handledAt: Date | null;
  handledBy: string | null;
}

type CustomerRequestDoc = Omit<CustomerRequest, 'id'> & { _id: string };

const schema = new Schema<CustomerRequestDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    customerId: { type: String, required: true, index: true },
    channel: { type: String, required: true },
    reference: { type: String, required: true },
    purpose: { type: String, default: null },
    wantedStatus: { type: String, default: null },
    status: { type: String, required: true, index: true },
    receivedAt: { type: Date, required: true },
    handledAt: { type: Date, default: null },
    handledBy: { type: String, default: null },
  },
  { versionKey: false, collection: 'customer_requests' },
);

const toRequest = ({ _id, ...rest }: CustomerRequestDoc): CustomerRequest => ({ id: _id, ...rest });

/** Requests customers made through a channel, waiting for compliance. Keyed by the submitter's key, so a retried submission is one request. */
export class CustomerRequestRepository {
  private readonly model: Model<CustomerRequestDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<CustomerRequestDoc>(connection, 'CustomerRequest', schema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  /** Idempotent: the first submission under a key stands. */
  async submit(request: Omit<CustomerRequest, 'status' | 'handledAt' | 'handledBy'>): Promise<CustomerRequest> {
    const { id, ...fields } = request;
    await this.model.updateOne({ _id: id }, { $setOnInsert: { ...fields, status: 'received', handledAt: null, handledBy: null } }, { upsert: true });
    return toRequest((await this.model.findById(id).lean<CustomerRequestDoc>())!);
  }

  async list(status: CustomerRequestStatus, first: number): Promise<CustomerRequest[]> {
    return (await this.model.find({ status }).sort({ receivedAt: 1 }).limit(first).lean<CustomerRequestDoc[]>()).map(toRequest);
  }

  /** Null when there is no such request. Handling twice keeps the first record of who handled it. */
  async markHandled(id: string, by: string, at: Date): Promise<CustomerRequest | null> {
    await this.model.updateOne({ _id: id, status: 'received' }, { $set: { status: 'handled', handledAt: at, handledBy: by } });
    const doc = await this.model.findById(id).lean<CustomerRequestDoc>();
    return doc ? toRequest(doc) : null;
  }

  async forCustomers(customerIds: readonly string[]): Promise<CustomerRequest[]> {
    return (await this.model.find({ customerId: { $in: customerIds } }).lean<CustomerRequestDoc[]>()).map(toRequest);
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: customerIds } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: customerIds } })).deletedCount;
  }
}
