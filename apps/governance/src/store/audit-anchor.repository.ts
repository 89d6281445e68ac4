import { modelOn, isDuplicateKey } from '@c360/service-kit';
import { Schema, type Connection, type Model } from 'mongoose';
import type { AuditCheckpoint } from '../domain/audit-anchor';

interface CheckpointDoc extends AuditCheckpoint {
  /** chain:seq, so replicas anchoring the same head write one checkpoint. */
  _id: string;
}

const checkpointSchema = new Schema<CheckpointDoc>(
  {
    _id: { type: String, required: true },
    chain: { type: String, required: true },
    seq: { type: Number, required: true },
    hash: { type: String, required: true },
    at: { type: Date, required: true },
    mac: { type: String, required: true },
  },
  { versionKey: false, collection: 'audit_checkpoints' },
);
checkpointSchema.index({ chain: 1, seq: 1 });

/**
 * Signed checkpoints of the audit chain, in a database of their own reached through a connection of
 * their own (AUDIT_ANCHOR_MONGODB_URI, AUDIT_ANCHOR_DB): the audit writer's connection never holds
 * them, and in production this connection's user is granted only insert and find on this collection,
 * so not even this module can rewrite one. Only inserts and reads here.
 */
export class AuditAnchorRepository {
  private readonly model: Model<CheckpointDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<CheckpointDoc>(connection, 'AuditCheckpoint', checkpointSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Idempotent: a checkpoint of a head already anchored is not written twice. */
  async add(checkpoint: AuditCheckpoint): Promise<void> {
    try {
      await this.model.create({ _id: `${checkpoint.chain}:${checkpoint.seq}`, ...checkpoint });
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
  }

  async latest(chain: string): Promise<AuditCheckpoint | null> {
    return this.model.findOne({ chain }, { _id: 0 }).sort({ seq: -1 }).lean<AuditCheckpoint>();
  }

  async all(chain: string): Promise<AuditCheckpoint[]> {
    const docs = await this.model.find({ chain }, { _id: 0 }).sort({ seq: 1 }).lean<AuditCheckpoint[]>();
    return docs.map((d) => ({ ...d, at: new Date(d.at) }));
  }
}
