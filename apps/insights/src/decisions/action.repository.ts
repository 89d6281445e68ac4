import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { ActionDefinition } from '../domain/decisions/action';

export interface ActionRecord extends ActionDefinition {
  version: number;
  updatedAt: Date;
}

type ActionDoc = Omit<ActionRecord, 'id'> & { _id: string };

const capSchema = new Schema({ channel: { type: String, default: null }, max: Number, periodHours: Number }, { _id: false });
const actionSchema = new Schema<ActionDoc>(
  {
    _id: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    channels: { type: [String], required: true },
    placements: { type: [String], default: [] },
    eligibility: { type: String, default: '' },
    priority: { type: Number, required: true },
    caps: { type: [capSchema], default: [] },
    startsAt: { type: Date, default: null },
    endsAt: { type: Date, default: null },
    active: { type: Boolean, required: true },
    version: { type: Number, required: true },
    updatedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'nba_actions' },
);

function toRecord({ _id, ...rest }: ActionDoc): ActionRecord {
  return { id: _id, ...rest, caps: rest.caps.map(({ channel, max, periodHours }) => ({ channel: channel ?? null, max, periodHours })) };
}

/** The action catalogue: one document per action, replaced whole on each definition, its version counting the changes. */
export class ActionRepository {
  private readonly model: Model<ActionDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<ActionDoc>(connection, 'NbaAction', actionSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  async define(action: ActionDefinition, now: Date): Promise<ActionRecord> {
    const { id, ...fields } = action;
    const doc = await this.model
      .findOneAndUpdate({ _id: id }, { $set: { ...fields, updatedAt: now }, $inc: { version: 1 } }, { upsert: true, returnDocument: 'after' })
      .lean<ActionDoc>();
    if (!doc) throw new Error(`action ${id} was not stored`);
    return toRecord(doc);
  }

  async list(activeOnly: boolean): Promise<ActionRecord[]> {
    const docs = await this.model
      .find(activeOnly ? { active: true } : {})
      .sort({ priority: -1, _id: 1 })
      .lean<ActionDoc[]>();
    return docs.map(toRecord);
  }

  async byIds(ids: readonly string[]): Promise<Map<string, ActionRecord>> {
    const docs = ids.length > 0 ? await this.model.find({ _id: { $in: [...new Set(ids)] } }).lean<ActionDoc[]>() : [];
    return new Map(docs.map((d) => [d._id, toRecord(d)]));
  }
}
