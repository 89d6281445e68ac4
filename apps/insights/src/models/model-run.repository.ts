import type { PredictionKind } from '@c360/contracts';
import { modelOn } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';

export type RunStatus = 'queued' | 'running' | 'succeeded' | 'failed';

/** What a training run found, recorded with it whatever happens to the model afterwards. */
export interface RunResult {
  dataWindow: { from: Date | null; cutoff: Date; labelUntil: Date };
  featureSetVersion: number;
  split: { method: string; train: number; test: number; trainPositives: number; testPositives: number };
  metrics: Record<string, unknown>;
  importance: { feature: string; importance: number }[];
  modelId: string;
  modelVersion: number;
}

export interface ModelRun {
  id: string;
  kind: PredictionKind;
  status: RunStatus;
  progress: number;
  params: Record<string, unknown>;
  createdAt: Date;
  finishedAt: Date | null;
  error: string | null;
  result: RunResult | null;
}

type Doc = Omit<ModelRun, 'id'> & { _id: string };
const schema = new Schema<Doc>(
  {
    _id: String,
    kind: String,
    status: String,
    progress: Number,
    params: Schema.Types.Mixed,
    createdAt: Date,
    finishedAt: Date,
    error: String,
    result: Schema.Types.Mixed,
  },
  { versionKey: false, collection: 'model_runs', minimize: false },
);
schema.index({ createdAt: -1 });

const fromDoc = ({ _id, ...d }: Doc): ModelRun => ({ ...d, id: _id, finishedAt: d.finishedAt ?? null, error: d.error ?? null, result: d.result ?? null });

/** Training runs and their progress, as the training job reports them. Holds no personal data. */
export class ModelRunRepository {
  private readonly model: Model<Doc>;

  constructor(connection: Connection) {
    this.model = modelOn<Doc>(connection, 'ModelRun', schema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  async create(run: Pick<ModelRun, 'id' | 'kind' | 'params' | 'createdAt'>): Promise<ModelRun> {
    const doc: Doc = {
      _id: run.id,
      kind: run.kind,
      params: run.params,
      createdAt: run.createdAt,
      status: 'queued',
      progress: 0,
      finishedAt: null,
      error: null,
      result: null,
    };
    await this.model.updateOne({ _id: run.id }, { $setOnInsert: doc }, { upsert: true });
    return fromDoc(doc);
  }

  async progress(id: string, progress: number): Promise<void> {
    await this.model.updateOne({ _id: id, status: { $in: ['queued', 'running'] } }, { $set: { status: 'running', progress } });
  }

  async succeed(id: string, result: RunResult, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'succeeded', progress: 1, result, finishedAt: at, error: null } });
  }

  async fail(id: string, error: string, at: Date): Promise<void> {
    await this.model.updateOne({ _id: id }, { $set: { status: 'failed', error, finishedAt: at } });
  }

  async get(id: string): Promise<ModelRun | null> {
    const doc = await this.model.findById(id).lean<Doc>();
    return doc ? fromDoc(doc) : null;
  }

  async list(kind: PredictionKind | undefined, first: number): Promise<ModelRun[]> {
    const docs = await this.model
      .find(kind ? { kind } : {})
      .sort({ createdAt: -1 })
      .limit(first)
      .lean<Doc[]>();
    return docs.map(fromDoc);
  }
}
