import { isDuplicateKey, modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import { binOf, emptyTiming, type CompletionTiming } from '../domain/dropoff/completion-timing';

interface TimingDoc extends CompletionTiming {
  _id: string;
}

const timingSchema = new Schema<TimingDoc>(
  { _id: { type: String, required: true }, started: Number, completed: Number, bins: [Number] },
  { versionKey: false, collection: 'journey_timings' },
);

/** Per journey, how long completions took (no customer in it): counters only ever added to with $inc. */
export class CompletionTimingRepository {
  private readonly model: Model<TimingDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<TimingDoc>(connection, 'JourneyTiming', timingSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  async get(journey: string): Promise<CompletionTiming> {
    const doc = await this.model.findById(journey).lean<TimingDoc>();
    return doc ? { started: doc.started, completed: doc.completed, bins: doc.bins } : emptyTiming();
  }

  async addStart(journey: string): Promise<void> {
    await this.increment(journey, { started: 1 });
  }

  async addCompletion(journey: string, durationMs: number): Promise<void> {
    await this.increment(journey, { completed: 1, [`bins.${binOf(durationMs)}`]: 1 });
  }

  private async increment(journey: string, inc: Record<string, number>): Promise<void> {
    try {
      await this.model.updateOne({ _id: journey }, { $setOnInsert: emptyTiming() }, { upsert: true });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    await this.model.updateOne({ _id: journey }, { $inc: inc });
  }
}
