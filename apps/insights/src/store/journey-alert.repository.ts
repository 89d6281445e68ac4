import { createHash } from 'node:crypto';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { JourneyAlert } from '../domain/journey-alerts/journey-alert';

export interface StoredJourneyAlert extends JourneyAlert {
  id: string;
  detectedAt: Date;
}

interface JourneyAlertDoc extends JourneyAlert {
  _id: string;
  detectedAt: Date;
}

const alertSchema = new Schema<JourneyAlertDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    metric: { type: String, required: true },
    step: { type: String, required: true },
    segment: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    baseline: { type: Number, required: true },
    observed: { type: Number, required: true },
    score: { type: Number, required: true },
    detectedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'journey_alerts' },
);
// Read by the days they cover.
alertSchema.index({ from: 1, to: 1 });

/**
 * Journey alerts: population aggregates (an event or step, a segment value, rates and counts), no
 * personal data, so no privacy handling. One document per incident start: a rerun (the daily job, or
 * on demand) that sees the same incident again updates it, so running twice stores it once.
 */
export class JourneyAlertRepository {
  private readonly model: Model<JourneyAlertDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<JourneyAlertDoc>(connection, 'JourneyAlert', alertSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async save(alerts: readonly JourneyAlert[], detectedAt: Date): Promise<void> {
    if (alerts.length === 0) return;
    await this.model.bulkWrite(
      alerts.map((a) => ({ updateOne: { filter: { _id: alertId(a) }, update: { $set: { ...a, detectedAt } }, upsert: true } })),
      { ordered: false },
    );
  }

  /** Alerts whose days overlap [fromDay, toDay] (YYYY-MM-DD, inclusive), strongest first. */
  async overlapping(fromDay: string, toDay: string): Promise<StoredJourneyAlert[]> {
    const docs = await this.model.find({ from: { $lte: toDay }, to: { $gte: fromDay } }).lean<JourneyAlertDoc[]>();
    return docs.map(({ _id, ...a }) => ({ ...a, id: _id })).sort((a, b) => Math.abs(b.score) - Math.abs(a.score) || a.id.localeCompare(b.id));
  }
}

function alertId(a: JourneyAlert): string {
  return createHash('sha256').update([a.kind, a.step, a.segment, a.from].join('\u0000')).digest('hex').slice(0, 32);
}
