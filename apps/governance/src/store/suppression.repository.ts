import { modelOn, type RedisClient } from '@c360/service-kit';
import { suppressionSetKey } from '@c360/contracts';
import { Schema, type Connection, type Model } from 'mongoose';

interface SuppressionDoc {
  /** suppressionHash(secret, identifierKey): a keyed hash, never the identifier. */
  _id: string;
  requestId: string;
  addedAt: Date;
}

const suppressionSchema = new Schema<SuppressionDoc>(
  { _id: { type: String, required: true }, requestId: { type: String, required: true }, addedAt: { type: Date, required: true } },
  { versionKey: false, collection: 'suppression_list' },
);

const SEED_BATCH = 1_000;

/**
 * The suppression list (contract in @c360/contracts suppression.ts): durable here, mirrored into the
 * Redis set that ingestion checks. MongoDB is the record; Redis is re-seeded from it at start, so a
 * flushed or replaced Redis never lets an erased person back in for longer than a restart.
 */
export class SuppressionRepository {
  private readonly model: Model<SuppressionDoc>;

  constructor(
    connection: Connection,
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    this.model = modelOn<SuppressionDoc>(connection, 'Suppression', suppressionSchema);
  }

  async ensureIndexes(): Promise<void> {
    await this.model.init();
  }

  /** Durable first, then mirrored: a crash in between is healed by the next re-seed or retry. */
  async add(hashes: readonly string[], requestId: string): Promise<void> {
    if (hashes.length === 0) return;
    const addedAt = new Date();
    await this.model.bulkWrite(hashes.map((h) => ({ updateOne: { filter: { _id: h }, update: { $setOnInsert: { requestId, addedAt } }, upsert: true } })));
    await this.redis.sadd(suppressionSetKey(this.prefix), ...hashes);
  }

  /** Copies every durable entry into the Redis set; returns how many entries there are. */
  async reseed(): Promise<number> {
    let count = 0;
    let batch: string[] = [];
    for await (const doc of this.model.find({}, { _id: 1 }).lean<{ _id: string }[]>().cursor()) {
      batch.push(doc._id);
      if (batch.length >= SEED_BATCH) {
        await this.redis.sadd(suppressionSetKey(this.prefix), ...batch);
        count += batch.length;
        batch = [];
      }
    }
    if (batch.length > 0) await this.redis.sadd(suppressionSetKey(this.prefix), ...batch);
    return count + batch.length;
  }

  async contains(hash: string): Promise<boolean> {
    return (await this.model.countDocuments({ _id: hash })) > 0;
  }
}
