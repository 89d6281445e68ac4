import { isDuplicateKey, isWriteConflict, modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { AttemptChange, AttemptStatus, JourneyAttempt } from '../domain/dropoff/journey-fold';

export type InstanceStatus = AttemptStatus;

/**
 * One journey a customer started: personal data. Kept under the customer id its start event came
 * with and found through the identity view; its touchpoints' message ids let a split send it back
 * to the customer those touchpoints return to.
 */
export type JourneyInstance = JourneyAttempt;

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
    revision: { type: Number, default: 0 },
    // No default: attempts stored before it have none, and the unique index leaves them out.
    succeeds: { type: String },
  },
  { versionKey: false, collection: 'journey_instances' },
);
instanceSchema.index({ customerId: 1, journey: 1, startedAt: -1 });
instanceSchema.index({ status: 1, dueAt: 1 });
instanceSchema.index({ messageIds: 1 });
// The race between two folds opening an attempt after the same one (attempt-succession.ts): one insert wins.
// Sparse, so attempts stored before the key was kept need no migration.
instanceSchema.index({ succeeds: 1 }, { unique: true, sparse: true });

const toInstance = ({ _id, revision, ...rest }: InstanceDoc): JourneyInstance => ({ id: _id, ...rest, revision: revision ?? 0 });

/** Attempts stored before revisions were kept have none: they are at revision 0. */
const atRevision = (revision: number) => (revision === 0 ? { $in: [0, null] } : revision);

export class JourneyInstanceRepository {
  private readonly model: Model<InstanceDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<InstanceDoc>(connection, 'JourneyInstance', instanceSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** The person's latest attempt at a journey (by start time), whatever its status. */
  async latest(customerIds: readonly string[], journey: string): Promise<JourneyInstance | null> {
    const doc = await this.model
      .findOne({ customerId: { $in: [...customerIds] }, journey })
      .sort({ startedAt: -1, _id: -1 })
      .lean<InstanceDoc>();
    return doc ? toInstance(doc) : null;
  }

  /**
   * Which of these touchpoints were applied to an attempt at the journey already, whoever holds it
   * now: a touchpoint is applied once, so an update delivered again after a split gave its attempt to
   * the restored customer does not start it a second time for the survivor.
   */
  async appliedMessages(journey: string, messageIds: readonly string[]): Promise<Set<string>> {
    const wanted = new Set(messageIds);
    const docs = await this.model.find({ messageIds: { $in: [...wanted] }, journey }, { messageIds: 1 }).lean<Pick<InstanceDoc, 'messageIds'>[]>();
    return new Set(docs.flatMap((d) => d.messageIds.filter((m) => wanted.has(m))));
  }

  /**
   * Writes an attempt's new state in one atomic upsert: a new attempt only if it does not exist yet
   * and its place is free (of two folds opening an attempt after the same one, only one can), a
   * stored one only if it is still at the revision the state was folded from. False when someone
   * else wrote first (a sweep, a concurrent or repeated delivery): fold again from what is stored.
   */
  async save(change: AttemptChange): Promise<boolean> {
    // An attempt's place is fixed when it is opened; never rewritten (an absent one would be written as null).
    const { id, succeeds, ...state } = change.attempt;
    if (change.readRevision === null) {
      try {
        // An insert, not an upsert: FerretDB reports both of two racing upserts of one id as inserted.
        await this.model.create({ _id: id, ...state, ...(succeeds ? { succeeds } : {}), revision: 0 });
        return true;
      } catch (err) {
        // Another writer opened it, or took a key first: fold again from what is stored.
        if (isDuplicateKey(err) || isWriteConflict(err)) return false;
        throw err;
      }
    }
    try {
      const res = await this.model.updateOne({ _id: id, revision: atRevision(change.readRevision) }, { $set: { ...state, revision: change.readRevision + 1 } });
      return res.modifiedCount === 1;
    } catch (err) {
      if (isWriteConflict(err)) return false;
      throw err;
    }
  }

  /** The attempt that took this place in someone's attempts (attempt-succession.ts), if any. */
  async holding(succeeds: string): Promise<JourneyInstance | null> {
    const doc = await this.model.findOne({ succeeds }).lean<InstanceDoc>();
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
   * another replica skips it, and should this one die, it is due again when the lease ends. Only
   * the state the sweep read can be claimed: had the customer moved on since (a step, a
   * completion), the revision differs and the sweep leaves it, to judge it afresh next time, so it
   * never announces a step the customer is already past.
   */
  async claim(instance: JourneyInstance, leaseUntil: Date): Promise<JourneyInstance | null> {
    const res = await this.model.updateOne(
      { _id: instance.id, status: 'open', dueAt: instance.dueAt, revision: atRevision(instance.revision) },
      { $set: { dueAt: leaseUntil, revision: instance.revision + 1 } },
    );
    return res.modifiedCount === 1 ? { ...instance, dueAt: leaseUntil, revision: instance.revision + 1 } : null;
  }

  /** Looks again later; nothing if the attempt changed since the sweep read it (it is judged afresh). */
  async reschedule(instance: JourneyInstance, dueAt: Date, score: number): Promise<void> {
    await this.model.updateOne(
      { _id: instance.id, status: 'open', revision: atRevision(instance.revision) },
      { $set: { dueAt, score, revision: instance.revision + 1 } },
    );
  }

  /** Closes an open attempt with the sweep's verdict, if it is still in the state the verdict was made on. */
  async settle(instance: JourneyInstance, status: Exclude<InstanceStatus, 'open' | 'completed'>, score: number, at: Date): Promise<void> {
    await this.model.updateOne(
      { _id: instance.id, status: 'open', revision: atRevision(instance.revision) },
      { $set: { status, score, closedAt: at, revision: instance.revision + 1 } },
    );
  }

  /**
   * Records the verdict on an attempt this sweep claimed and acted on: whatever the customer did
   * after the claim, the announcement (or its suppression) has happened; a completion meanwhile wins.
   */
  async settleClaimed(id: string, status: 'notified' | 'suppressed', score: number, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id, status: 'open' }, { $set: { status, score, closedAt: at }, $inc: { revision: 1 } });
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
