import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { RequestKind, RequestStatus } from '../domain/data-subject-request';

export interface RequestEvent {
  at: Date;
  status: RequestStatus;
  note: string | null;
}

/** What each service deleted and what verification found, per service. */
export interface ErasureReceipt {
  services: { service: string; deleted: Record<string, number>; remaining: Record<string, number> | null }[];
  erasedAt: Date;
  verifiedAt: Date | null;
  verified: boolean;
  auditSeq: number | null;
}

export interface DataSubjectRequest {
  id: string;
  kind: RequestKind;
  customerId: string;
  /** Every id of the person (survivor first); pseudonymous, so kept after erasure to prove whom the receipt covers. */
  customerIds: string[];
  status: RequestStatus;
  requestedBy: string;
  receivedAt: Date;
  dueAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  failureReason: string | null;
  history: RequestEvent[];
  receipt: ErasureReceipt | null;
}

interface RequestDoc extends Omit<DataSubjectRequest, 'id'> {
  _id: string;
}

const requestSchema = new Schema<RequestDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    customerId: { type: String, required: true },
    customerIds: { type: [String], required: true },
    status: { type: String, required: true },
    requestedBy: { type: String, required: true },
    receivedAt: { type: Date, required: true },
    dueAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
    completedAt: { type: Date, default: null },
    failureReason: { type: String, default: null },
    history: { type: [{ _id: false, at: Date, status: String, note: String }], default: [] },
    receipt: { type: Schema.Types.Mixed, default: null },
  },
  { versionKey: false, collection: 'data_subject_requests', minimize: false },
);
requestSchema.index({ customerId: 1, createdAt: -1 });
requestSchema.index({ status: 1, dueAt: 1 });

const FINAL: RequestStatus[] = ['completed', 'failed', 'lifted'];

function toRequest(doc: RequestDoc): DataSubjectRequest {
  const { _id, ...rest } = doc;
  return { ...rest, id: _id };
}

/** Data-subject requests: each change of status is one atomic update that also appends to its history. */
export class RequestRepository {
  private readonly model: Model<RequestDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<RequestDoc>(connection, 'DataSubjectRequest', requestSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async create(request: DataSubjectRequest): Promise<void> {
    const { id, ...rest } = request;
    await this.model.create({ _id: id, ...rest });
  }

  async byId(id: string): Promise<DataSubjectRequest | null> {
    const doc = await this.model.findById(id).lean<RequestDoc>();
    return doc ? toRequest(doc) : null;
  }

  async forCustomers(customerIds: readonly string[]): Promise<DataSubjectRequest[]> {
    const docs = await this.model
      .find({ customerIds: { $in: customerIds } })
      .sort({ createdAt: -1 })
      .lean<RequestDoc[]>();
    return docs.map(toRequest);
  }

  /** Requests still being worked on, those of them past their due date, and those that failed: what the alerts watch. */
  async counts(now: Date): Promise<{ open: number; overdue: number; failed: number }> {
    const open = { status: { $in: ['pending', 'verifying'] as RequestStatus[] } };
    const [openCount, overdue, failed] = await Promise.all([
      this.model.countDocuments(open),
      this.model.countDocuments({ ...open, dueAt: { $lt: now } }),
      this.model.countDocuments({ status: 'failed' }),
    ]);
    return { open: openCount, overdue, failed };
  }

  async overdue(now: Date): Promise<DataSubjectRequest[]> {
    const docs = await this.model
      .find({ status: { $in: ['pending', 'verifying'] }, dueAt: { $lt: now } })
      .sort({ dueAt: 1 })
      .lean<RequestDoc[]>();
    return docs.map(toRequest);
  }

  /**
   * Moves a request on, unless it already reached a final status: a redelivered job cannot reopen a
   * finished request or write its history twice. Returns false when nothing changed.
   */
  async transition(
    id: string,
    status: RequestStatus,
    note: string | null,
    extra: Partial<Pick<DataSubjectRequest, 'failureReason' | 'receipt' | 'completedAt'>> = {},
  ): Promise<boolean> {
    const res = await this.model.updateOne(
      { _id: id, status: { $nin: [...FINAL, status] } },
      { $set: { status, ...extra }, $push: { history: { at: new Date(), status, note } } },
    );
    return res.modifiedCount === 1;
  }

  /** Lifting is the one move out of a final status: completed restriction → lifted. */
  async lift(id: string, note: string): Promise<boolean> {
    const res = await this.model.updateOne(
      { _id: id, kind: 'restriction', status: 'completed' },
      { $set: { status: 'lifted' }, $push: { history: { at: new Date(), status: 'lifted', note } } },
    );
    return res.modifiedCount === 1;
  }
}
