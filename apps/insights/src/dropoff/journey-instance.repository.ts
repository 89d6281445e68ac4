import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

export const INSTANCE_STATUSES = ['open', 'completed', 'notified', 'suppressed', 'lapsed'] as const;
export type InstanceStatus = (typeof INSTANCE_STATUSES)[number];

/**
 * One journey a customer started: personal data. Kept under the customer id its start event came
 * with and found through the identity view; its touchpoints' message ids let a split send it back
 * to the customer those touchpoints return to.
 */
export interface JourneyInstance {
  id: string;
  customerId: string;
  journey: string;
  startMessageId: string;
  messageIds: string[];
  startedAt: Date;
  stepReached: string;
  stepIndex: number;
  status: InstanceStatus;
  /** When the sweep looks at it next (open instances only). */
  dueAt: Date;
  score: number | null;
  closedAt: Date | null;
}

type InstanceDoc = Omit<JourneyInstance, 'id'> & { _id: string };

const instanceSchema = new Schema<InstanceDoc>(
  {
    _id: { type: String, required: true },
    customerId: { type: String, required: true },
    journey: { type: String, required: true },
    startMessageId: { type: String, required: true },
    messageIds: [String],
    startedAt: { type: Date, required: true },
    stepReached: { type: String, required: true },
    stepIndex: { type: Number, required: true },
    status: { type: String, required: true },
    dueAt: { type: Date, required: true },
    score: { type: Number, default: null },
    closedAt: { type: Date, default: null },
  },
  { versionKey: false, collection: 'journey_instances' },
);
instanceSchema.index({ customerId: 1, journey: 1, startedAt: -1 });
instanceSchema.index({ status: 1, dueAt: 1 });
instanceSchema.index({ messageIds: 1 });

const toInstance = ({ _id, ...rest }: InstanceDoc): JourneyInstance => ({ id: _id, ...rest });

export class JourneyInstanceRepository {
  private readonly model: Model<InstanceDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<InstanceDoc>(connection, 'JourneyInstance', instanceSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** The person's latest attempt at a journey not yet completed, if any. */
  async current(customerIds: readonly string[], journey: string): Promise<JourneyInstance | null> {
    const doc = await this.model
      .findOne({ customerId: { $in: [...customerIds] }, journey, status: { $ne: 'completed' } })
      .sort({ startedAt: -1 })
      .lean<InstanceDoc>();
    return doc ? toInstance(doc) : null;
  }

  /** Stores a new attempt; false when it was stored already (its start event delivered twice). */
  async start(instance: JourneyInstance): Promise<boolean> {
    const { id, ...rest } = instance;
    const res = await this.model.updateOne({ _id: id }, { $setOnInsert: rest }, { upsert: true });
    return res.upsertedCount === 1;
  }

  /** Records a later step reached by an open attempt; an earlier or repeated step changes nothing. */
  async step(id: string, stepReached: string, stepIndex: number, messageId: string): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'open', stepIndex: { $lt: stepIndex } }, { $set: { stepReached, stepIndex } });
    await this.model.updateOne({ _id: id }, { $addToSet: { messageIds: messageId } });
  }

  /** Completes an attempt once; returns it as it was when this call completed it, else null. */
  async complete(id: string, at: Date, messageId: string): Promise<JourneyInstance | null> {
    const doc = await this.model
      .findOneAndUpdate({ _id: id, status: { $ne: 'completed' } }, { $set: { status: 'completed', closedAt: at }, $addToSet: { messageIds: messageId } })
      .lean<InstanceDoc>();
    return doc ? toInstance(doc) : null;
  }

  async due(now: Date, limit: number): Promise<JourneyInstance[]> {
    const docs = await this.model
      .find({ status: 'open', dueAt: { $lte: now } })
      .sort({ dueAt: 1 })
      .limit(limit)
      .lean<InstanceDoc[]>();
    return docs.map(toInstance);
  }

  /**
   * Takes a due attempt for this sweep by moving its due time to the end of a lease: a sweep in
   * another replica skips it, and should this one die, it is due again when the lease ends.
   */
  async claim(instance: JourneyInstance, leaseUntil: Date): Promise<boolean> {
    const res = await this.model.updateOne({ _id: instance.id, status: 'open', dueAt: instance.dueAt }, { $set: { dueAt: leaseUntil } });
    return res.modifiedCount === 1;
  }

  async reschedule(id: string, dueAt: Date, score: number): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'open' }, { $set: { dueAt, score } });
  }

  async settle(id: string, status: Exclude<InstanceStatus, 'open' | 'completed'>, score: number, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'open' }, { $set: { status, score, closedAt: at } });
  }

  async get(id: string): Promise<JourneyInstance | null> {
    const doc = await this.model.findById(id).lean<InstanceDoc>();
    return doc ? toInstance(doc) : null;
  }

  /** A split: attempts started by these touchpoints belong to `customerId` now. Idempotent. */
  async assignMessages(customerId: string, messageIds: readonly string[]): Promise<void> {
    if (messageIds.length > 0) await this.model.updateMany({ startMessageId: { $in: [...messageIds] } }, { $set: { customerId } });
  }

  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ customerId: { $in: [...customerIds] } })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ customerId: { $in: [...customerIds] } });
  }

  async forCustomers(customerIds: readonly string[]): Promise<JourneyInstance[]> {
    const docs = await this.model
      .find({ customerId: { $in: [...customerIds] } })
      .sort({ startedAt: 1 })
      .lean<InstanceDoc[]>();
    return docs.map(toInstance);
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    return (await this.model.deleteMany({ startedAt: { $lt: cutoff } })).deletedCount;
  }
}
