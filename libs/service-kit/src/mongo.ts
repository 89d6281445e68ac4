import mongoose, { Schema, type Connection, type Model } from 'mongoose';

/** One connection per service, to the service's own database. */
export async function connectMongo(uri: string, dbName: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, { dbName, serverSelectionTimeoutMS: 5_000, autoIndex: false });
  await connection.asPromise();
  return connection;
}

const DUPLICATE_KEY = 11000;

/** An alias to write: `id` now belongs to `survivorId`, as of `at`. */
interface Alias {
  id: string;
  survivorId: string;
  at: Date;
}

interface CustomerAlias {
  _id: string;
  survivorId: string;
  mergedAt: Date;
}

const customerAliasSchema = new Schema<CustomerAlias>(
  {
    _id: { type: String, required: true },
    survivorId: { type: String, required: true },
    mergedAt: { type: Date, required: true },
  },
  { versionKey: false, collection: 'customer_aliases' },
);
// Reads expand a customer id to every id merged into it.
customerAliasSchema.index({ survivorId: 1 });

/**
 * What a service keeps of identity-graph's merges, so data it stored under a customer id that was
 * later merged away is still found under the survivor. Merges arrive as events, possibly out of
 * order: an alias is only replaced by a later merge.
 */
export class CustomerAliasRepository {
  private readonly model: Model<CustomerAlias>;

  constructor(connection: Connection) {
    this.model = connection.models['CustomerAlias'] ?? connection.model<CustomerAlias>('CustomerAlias', customerAliasSchema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  async recordMerge(survivorId: string, mergedIds: readonly string[], mergedAt: Date): Promise<void> {
    await this.recordMerges([{ survivorId, mergedIds, mergedAt }]);
  }

  /**
   * Aliases each merge's ids to its survivor, in one read and one write. Most calls repeat a lineage
   * already recorded (every event of a merged customer carries it), so only aliases that are missing
   * or name another survivor are written. One already naming its survivor keeps its date: a date
   * only decides against a split, and split customers are kept apart from then on unless a steward
   * merges them again.
   */
  async recordMerges(merges: readonly { survivorId: string; mergedIds: readonly string[]; mergedAt: Date }[]): Promise<void> {
    const wanted = new Map(merges.flatMap(({ survivorId, mergedIds, mergedAt }) => mergedIds.filter((id) => id !== survivorId).map((id): [string, Alias] => [id, { id, survivorId, at: mergedAt }])));
    if (wanted.size === 0) return;
    const current = await this.survivorsOf([...wanted.keys()]);
    await this.upsertAllIfNewer([...wanted.values()].filter((a) => current.get(a.id) !== a.survivorId));
  }

  /**
   * A split undoes a merge: the restored customer becomes its own survivor again (an alias to itself,
   * dated at the split, so an older merge event arriving late cannot re-alias it) and what it had
   * absorbed points at it again.
   */
  async recordSplit(restoredId: string, lineage: readonly string[], splitAt: Date): Promise<void> {
    await this.upsertAllIfNewer([restoredId, ...lineage].map((id) => ({ id, survivorId: restoredId, at: splitAt })));
  }

  /** The customer id and every id merged into it. */
  async expand(customerId: string): Promise<string[]> {
    const aliases = await this.model.find({ survivorId: customerId }, { _id: 1 }).lean();
    return [customerId, ...aliases.map((a) => a._id)];
  }

  /** Every id of the given customers, including the ids merged into them, in one query. */
  async expandAll(customerIds: readonly string[]): Promise<string[]> {
    const aliases = await this.model.find({ survivorId: { $in: customerIds } }, { _id: 1 }).lean();
    return [...new Set([...customerIds, ...aliases.map((a) => a._id)])];
  }

  async survivorOf(customerId: string): Promise<string> {
    const alias = await this.model.findById(customerId, { survivorId: 1 }).lean();
    return alias?.survivorId ?? customerId;
  }

  /** The survivor of each id (itself when never merged away), in one query. */
  async survivorsOf(customerIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(customerIds)];
    const aliases = ids.length > 0 ? await this.model.find({ _id: { $in: ids } }, { survivorId: 1 }).lean() : [];
    const survivors = new Map(ids.map((id) => [id, id]));
    for (const alias of aliases) survivors.set(alias._id, alias.survivorId);
    return survivors;
  }

  /** Erasure: forgets that these ids were ever merged (the aliases of a person point at their ids). */
  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ $or: [{ _id: { $in: customerIds } }, { survivorId: { $in: customerIds } }] })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ $or: [{ _id: { $in: customerIds } }, { survivorId: { $in: customerIds } }] });
  }

  /** Each alias written unless the one stored is from a later merge or split. */
  private async upsertAllIfNewer(aliases: readonly Alias[]): Promise<void> {
    if (aliases.length === 0) return;
    try {
      await this.model.bulkWrite(
        aliases.map(({ id, survivorId, at }) => ({ updateOne: { filter: { _id: id, mergedAt: { $lt: at } }, update: { $set: { survivorId, mergedAt: at } }, upsert: true } })),
        { ordered: false },
      );
    } catch (err) {
      // An alias that exists with a later date makes its upsert's insert collide: the newer alias stands.
      const errors = (err as { writeErrors?: { code?: number }[] }).writeErrors;
      if (!errors?.length || errors.some((e) => e.code !== DUPLICATE_KEY)) throw err;
    }
  }
}

/** Readiness probe for a service's MongoDB connection. */
export async function pingMongo(connection: Connection): Promise<void> {
  if (!connection.db) throw new Error('not connected');
  await connection.db.admin().ping();
}
