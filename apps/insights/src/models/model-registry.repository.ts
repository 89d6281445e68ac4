import type { PredictionKind } from '@c360/contracts';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { BandThresholds } from '../domain/predictions/bands';

export type ModelStatus = 'candidate' | 'active' | 'retired';

/** A trained model: its artifact, how it was trained and how it did on held-out customers. */
export interface ModelVersion {
  id: string;
  kind: PredictionKind;
  version: number;
  learner: string;
  runId: string;
  featureSetVersion: number;
  trainedAt: Date;
  bands: BandThresholds;
  /** What the learner needs to score (weights, trees, BG/NBD parameters), as JSON. */
  artifact: Record<string, unknown>;
  /** The training parameters (cutoff, horizon, conversion event...). */
  params: Record<string, unknown>;
}

export interface ModelWithStatus extends ModelVersion {
  status: ModelStatus;
  promotedAt: Date | null;
}

type VersionDoc = Omit<ModelVersion, 'id'> & { _id: string };
interface ActiveDoc {
  _id: PredictionKind;
  modelId: string;
  promotedAt: Date;
  /** Models active before, most recent last: what rollbackModel goes back to. */
  history: string[];
  /** Every model ever active: those no longer active are retired. */
  everActive: string[];
}
interface CounterDoc {
  _id: string;
  next: number;
}

const versionSchema = new Schema<VersionDoc>(
  {
    _id: String,
    kind: String,
    version: Number,
    learner: String,
    runId: String,
    featureSetVersion: Number,
    trainedAt: Date,
    bands: Schema.Types.Mixed,
    artifact: Schema.Types.Mixed,
    params: Schema.Types.Mixed,
  },
  { versionKey: false, collection: 'model_versions', minimize: false },
);
versionSchema.index({ kind: 1, version: -1 });
const activeSchema = new Schema<ActiveDoc>(
  { _id: String, modelId: String, promotedAt: Date, history: [String], everActive: [String] },
  { versionKey: false, collection: 'active_models' },
);
const counterSchema = new Schema<CounterDoc>({ _id: String, next: Number }, { versionKey: false, collection: 'model_counters' });

const fromDoc = ({ _id, ...d }: VersionDoc): ModelVersion => ({ ...d, id: _id, trainedAt: new Date(d.trainedAt) });

/**
 * Models, versioned per kind, and which one is active. A trained model is stored as a candidate and
 * serves nothing until promoted: training never replaces the active model on its own. Promotion and
 * rollback each rewrite the kind's one active document, so a reader sees the old model or the new.
 */
export class ModelRegistryRepository {
  private readonly versions: Model<VersionDoc>;
  private readonly active: Model<ActiveDoc>;
  private readonly counters: Model<CounterDoc>;

  constructor(connection: Connection) {
    this.versions = modelOn<VersionDoc>(connection, 'ModelVersion', versionSchema);
    this.active = modelOn<ActiveDoc>(connection, 'ActiveModel', activeSchema);
    this.counters = modelOn<CounterDoc>(connection, 'ModelCounter', counterSchema);
  }

  async ensureIndexes(): Promise<void> {
    for (const m of [this.versions, this.active, this.counters] as unknown as Model<{ _id: string }>[]) await m.init();
    await this.versions.createIndexes();
  }

  /** The next version number of a kind (1, 2, ...), atomically. */
  async nextVersion(kind: PredictionKind): Promise<number> {
    const doc = await this.counters.findOneAndUpdate({ _id: kind }, { $inc: { next: 1 } }, { upsert: true, returnDocument: 'after' }).lean<CounterDoc>();
    return doc?.next ?? 1;
  }

  async saveCandidate(model: ModelVersion): Promise<void> {
    const { id, ...rest } = model;
    await this.versions.updateOne({ _id: id }, { $setOnInsert: rest }, { upsert: true });
  }

  async get(id: string): Promise<ModelVersion | null> {
    const doc = await this.versions.findById(id).lean<VersionDoc>();
    return doc ? fromDoc(doc) : null;
  }

  /** Every version of a kind (or all), newest first, with its status. */
  async list(kind?: PredictionKind): Promise<ModelWithStatus[]> {
    const [docs, actives] = await Promise.all([
      this.versions
        .find(kind ? { kind } : {}, { artifact: 0 })
        .sort({ trainedAt: -1 })
        .lean<VersionDoc[]>(),
      this.active.find({}).lean<ActiveDoc[]>(),
    ]);
    return docs.map((d) => this.withStatus({ ...fromDoc(d), artifact: {} }, actives));
  }

  async statusOf(model: ModelVersion): Promise<ModelWithStatus> {
    return this.withStatus(model, await this.active.find({ _id: model.kind }).lean<ActiveDoc[]>());
  }

  /** The active model of each kind, artifacts included. */
  async activeModels(): Promise<ModelVersion[]> {
    const actives = await this.active.find({}).lean<ActiveDoc[]>();
    if (actives.length === 0) return [];
    return (await this.versions.find({ _id: { $in: actives.map((a) => a.modelId) } }).lean<VersionDoc[]>()).map(fromDoc);
  }

  /** Makes a model the active one of its kind; the one it replaces can be rolled back to. */
  async promote(model: ModelVersion, at: Date): Promise<void> {
    const current = await this.active.findById(model.kind).lean<ActiveDoc>();
    if (current?.modelId === model.id) return;
    const history = current ? [...current.history.filter((h) => h !== model.id), current.modelId].slice(-20) : [];
    await this.active.updateOne(
      { _id: model.kind },
      { $set: { modelId: model.id, promotedAt: at, history }, $addToSet: { everActive: model.id } },
      { upsert: true },
    );
  }

  /** Goes back to the model active before the current one; null when there is none to go back to. */
  async rollback(kind: PredictionKind, at: Date): Promise<string | null> {
    const current = await this.active.findById(kind).lean<ActiveDoc>();
    const previous = current?.history.at(-1);
    if (!current || !previous) return null;
    await this.active.updateOne(
      { _id: kind, modelId: current.modelId },
      { $set: { modelId: previous, promotedAt: at, history: current.history.slice(0, -1) } },
    );
    return previous;
  }

  private withStatus(model: ModelVersion, actives: readonly ActiveDoc[]): ModelWithStatus {
    const active = actives.find((a) => a.modelId === model.id);
    const wasActive = actives.some((a) => (a.everActive ?? []).includes(model.id));
    return { ...model, status: active ? 'active' : wasActive ? 'retired' : 'candidate', promotedAt: active ? new Date(active.promotedAt) : null };
  }
}
