import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

interface MarkDoc {
  /** The data class (libs/contracts DATA_CLASSES). */
  _id: string;
  olderThan: Date;
  appliedAt: Date;
}

const schema = new Schema<MarkDoc>(
  { _id: { type: String, required: true }, olderThan: { type: Date, required: true }, appliedAt: { type: Date, required: true } },
  { versionKey: false, collection: 'retention_marks' },
);

/**
 * The last retention run insights applied, per data class: no person in it, only the cut-off. What
 * insights writes back later from elsewhere (a profiling history restored from touchpoint-store) must
 * not bring back what the policy already removed, and the policy lives in governance, so insights
 * keeps the cut-off it was last given and moves it on with the time passed since.
 */
export class RetentionMarkRepository {
  private readonly model: Model<MarkDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<MarkDoc>(connection, 'RetentionMark', schema);
  }

  async record(dataClass: string, olderThan: Date, appliedAt: Date): Promise<void> {
    await this.model.updateOne({ _id: dataClass }, { $set: { olderThan, appliedAt } }, { upsert: true });
  }

  /** The cut-off in force now for the class: the last one applied, moved on by the time since; null before any run. */
  async cutoffAt(dataClass: string, now: Date): Promise<Date | null> {
    const mark = await this.model.findById(dataClass).lean<MarkDoc>();
    return mark ? new Date(mark.olderThan.getTime() + (now.getTime() - mark.appliedAt.getTime())) : null;
  }
}
