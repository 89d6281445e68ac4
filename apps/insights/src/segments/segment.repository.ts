import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { Segmentation } from '../domain/segments';

export type SegmentationStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** One segmentation run: the clustering result (no customer ids; memberships are kept apart). */
export interface SegmentationRecord {
  id: string;
  status: SegmentationStatus;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
  customers: number;
  result: Omit<Segmentation, 'assignments'> | null;
}

export interface Membership {
  customerId: string;
  segmentId: string;
  segmentationId: string;
  assignedAt: Date;
}

type RunDoc = Omit<SegmentationRecord, 'id'> & { _id: string };
type MembershipDoc = Omit<Membership, 'customerId'> & { _id: string };

const runSchema = new Schema<RunDoc>(
  { _id: String, status: String, createdAt: Date, finishedAt: Date, error: String, customers: Number, result: Schema.Types.Mixed },
  { versionKey: false, collection: 'segmentations', minimize: false },
);
runSchema.index({ createdAt: -1 });
const membershipSchema = new Schema<MembershipDoc>(
  { _id: String, segmentId: String, segmentationId: String, assignedAt: Date },
  { versionKey: false, collection: 'segment_memberships' },
);
membershipSchema.index({ segmentationId: 1 });
membershipSchema.index({ assignedAt: 1 });

const fromRun = ({ _id, ...d }: RunDoc): SegmentationRecord => ({
  ...d,
  id: _id,
  finishedAt: d.finishedAt ?? null,
  error: d.error ?? null,
  result: d.result ?? null,
});
const fromMembership = ({ _id, ...d }: MembershipDoc): Membership => ({ ...d, customerId: _id, assignedAt: new Date(d.assignedAt) });

/** Segmentation runs (aggregates) and each customer's membership (personal data: profiling consent, erasure, retention). */
export class SegmentRepository {
  private readonly runs: Model<RunDoc>;
  private readonly memberships: Model<MembershipDoc>;
  readonly name = 'segmentMemberships';

  constructor(connection: Connection) {
    this.runs = modelOn<RunDoc>(connection, 'Segmentation', runSchema);
    this.memberships = modelOn<MembershipDoc>(connection, 'SegmentMembership', membershipSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.runs.init();
    await this.runs.createIndexes();
    await this.memberships.init();
    await this.memberships.createIndexes();
  }

  async createRun(id: string, at: Date): Promise<SegmentationRecord> {
    const doc: RunDoc = { _id: id, status: 'queued', createdAt: at, finishedAt: null, error: null, customers: 0, result: null };
    await this.runs.updateOne({ _id: id }, { $setOnInsert: doc }, { upsert: true });
    return fromRun(doc);
  }

  async markRunning(id: string): Promise<void> {
    await this.runs.updateOne({ _id: id }, { $set: { status: 'running' } });
  }

  async fail(id: string, error: string, at: Date): Promise<void> {
    await this.runs.updateOne({ _id: id }, { $set: { status: 'failed', error, finishedAt: at } });
  }

  /** Records the result, then moves every assigned customer to this run's segments and drops memberships from earlier runs. */
  async succeed(id: string, result: Segmentation, at: Date): Promise<void> {
    const { assignments, ...summary } = result;
    for (let i = 0; i < assignments.length; i += 1000) {
      await this.memberships.bulkWrite(
        assignments.slice(i, i + 1000).map((a) => ({
          updateOne: { filter: { _id: a.customerId }, update: { $set: { segmentId: a.segmentId, segmentationId: id, assignedAt: at } }, upsert: true },
        })),
        { ordered: false },
      );
    }
    await this.memberships.deleteMany({ segmentationId: { $ne: id } });
    await this.runs.updateOne({ _id: id }, { $set: { status: 'succeeded', result: summary, customers: assignments.length, finishedAt: at } });
  }

  async getRun(id: string): Promise<SegmentationRecord | null> {
    const doc = await this.runs.findById(id).lean<RunDoc>();
    return doc ? fromRun(doc) : null;
  }

  async latestSucceeded(): Promise<SegmentationRecord | null> {
    const doc = await this.runs.findOne({ status: 'succeeded' }).sort({ createdAt: -1 }).lean<RunDoc>();
    return doc ? fromRun(doc) : null;
  }

  async membershipOf(customerId: string): Promise<Membership | null> {
    const doc = await this.memberships.findById(customerId).lean<MembershipDoc>();
    return doc ? fromMembership(doc) : null;
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.memberships.deleteMany({ _id: { $in: [...customerIds] } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.memberships.countDocuments({ _id: { $in: [...customerIds] } });
  }

  async forCustomers(customerIds: readonly string[]): Promise<Membership[]> {
    return (await this.memberships.find({ _id: { $in: [...customerIds] } }).lean<MembershipDoc[]>()).map(fromMembership);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.memberships.deleteMany({ assignedAt: { $lt: cutoff } })).deletedCount;
  }
}
