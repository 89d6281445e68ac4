import { modelOn, isDuplicateKey } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { EventSchemaVersion } from '../domain/event-schema-catalog';

interface EventSchemaDoc {
  /** `<event>@<version>`: two registrations racing for one version collide on the key, and one retries. */
  _id: string;
  event: string;
  version: number;
  /** Kept as a JSON string: JSON Schema keywords start with `$`, which MongoDB refuses as field names. */
  schema: string;
  registeredAt: Date;
}

const eventSchemaSchema = new Schema<EventSchemaDoc>(
  {
    _id: { type: String, required: true },
    event: { type: String, required: true },
    version: { type: Number, required: true },
    schema: { type: String, required: true },
    registeredAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'event_schemas' },
);
// Registration looks up the latest version of one event name.
eventSchemaSchema.index({ event: 1, version: -1 });

/** The event-schema registry: every version of every event name, never overwritten. */
export class EventSchemaRepository {
  private readonly model: Model<EventSchemaDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<EventSchemaDoc>(connection, 'EventSchema', eventSchemaSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Adds the next version for `event`; the same schema as the latest version is not registered twice. */
  async register(event: string, schema: Record<string, unknown>, now = new Date()): Promise<EventSchemaVersion & { registeredAt: Date }> {
    const text = JSON.stringify(schema);
    for (;;) {
      const latest = await this.model.findOne({ event }).sort({ version: -1 }).lean<EventSchemaDoc>();
      if (latest?.schema === text) return this.toVersion(latest);
      const version = (latest?.version ?? 0) + 1;
      try {
        const doc = { _id: `${event}@${version}`, event, version, schema: text, registeredAt: now };
        await this.model.create(doc);
        return this.toVersion(doc);
      } catch (err) {
        if (!isDuplicateKey(err)) throw err;
      }
    }
  }

  async all(): Promise<EventSchemaVersion[]> {
    const docs = await this.model.find().sort({ event: 1, version: 1 }).lean<EventSchemaDoc[]>();
    return docs.map((d) => this.toVersion(d));
  }

  private toVersion(doc: EventSchemaDoc): EventSchemaVersion & { registeredAt: Date } {
    return { event: doc.event, version: doc.version, schema: JSON.parse(doc.schema) as Record<string, unknown>, registeredAt: doc.registeredAt };
  }
}
