import type { DomainClassifierJson } from '@c360/sentiment';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

/** A trained domain classifier as stored: its JSON form and how it was trained (no examples). */
export interface StoredSentimentModel {
  version: string;
  trainedAt: Date;
  positiveExamples: number;
  negativeExamples: number;
  holdoutAccuracy: number | null;
  classifier: DomainClassifierJson;
}

interface ModelDoc extends Omit<StoredSentimentModel, 'version'> {
  _id: string;
}

/** The one pointer naming the active model: a single document, so switching is one atomic write. */
interface ActiveDoc {
  _id: 'active';
  version: string;
  activatedAt: Date;
}

const modelSchema = new Schema<ModelDoc>(
  {
    _id: { type: String, required: true },
    trainedAt: { type: Date, required: true },
    positiveExamples: { type: Number, required: true },
    negativeExamples: { type: Number, required: true },
    holdoutAccuracy: { type: Number, default: null },
    classifier: { type: Schema.Types.Mixed, required: true },
  },
  { versionKey: false, collection: 'sentiment_models', minimize: false },
);

const activeSchema = new Schema<ActiveDoc>(
  { _id: { type: String, required: true }, version: { type: String, required: true }, activatedAt: { type: Date, required: true } },
  { versionKey: false, collection: 'sentiment_active_model' },
);

/** The shipped model's version: always there, active until an operator activates another. */
export const LEXICON_VERSION = 'lexicon';

export class SentimentModelRepository {
  private readonly models: Model<ModelDoc>;
  private readonly active: Model<ActiveDoc>;

  constructor(connection: Connection) {
    this.models = modelOn<ModelDoc>(connection, 'SentimentModel', modelSchema);
    this.active = modelOn<ActiveDoc>(connection, 'SentimentActiveModel', activeSchema);
  }

  async save(model: StoredSentimentModel): Promise<void> {
    const { version, ...rest } = model;
    await this.models.updateOne({ _id: version }, { $set: rest }, { upsert: true });
  }

  async find(version: string): Promise<StoredSentimentModel | null> {
    const doc = await this.models.findById(version).lean<ModelDoc>();
    return doc && this.toModel(doc);
  }

  /** Trained models, newest first. */
  async list(): Promise<StoredSentimentModel[]> {
    return (await this.models.find().sort({ trainedAt: -1 }).lean<ModelDoc[]>()).map((d) => this.toModel(d));
  }

  async activeVersion(): Promise<string> {
    return (await this.active.findById('active').lean<ActiveDoc>())?.version ?? LEXICON_VERSION;
  }

  async activate(version: string, at = new Date()): Promise<void> {
    await this.active.updateOne({ _id: 'active' }, { $set: { version, activatedAt: at } }, { upsert: true });
  }

  private toModel({ _id, ...rest }: ModelDoc): StoredSentimentModel {
    return { version: _id, ...rest };
  }
}
