import type { CustomerSplitEvent, CustomerUpdatedEvent, LinkJob } from '@c360/contracts';
import { Schema, type Connection, type Model } from 'mongoose';
import { modelOn, onlyDuplicateKeys } from './mongo';

/**
 * What identity-graph said at one moment: `mergedIds` were merged into `customerId`, and (when
 * `survivor`) `customerId` was a customer of its own. Every message that changes who is who carries
 * one: a customer.updated (after a merge, and for both sides of a split), a link job, a
 * customer.split (for the restored side).
 */
export interface IdentityFact {
  customerId: string;
  mergedIds: readonly string[];
  /** identity-graph's time for the fact: the later fact about an id wins. */
  at: Date;
  /**
   * Whether the fact also says customerId was merged into no one at `at`. Events about a customer
   * say so; a link job does not, as it may name a customer a later job merged away.
   */
  survivor: boolean;
}

export function factOfUpdate(event: Pick<CustomerUpdatedEvent, 'customerId' | 'mergedCustomerIds' | 'updatedAt'>): IdentityFact {
  return { customerId: event.customerId, mergedIds: event.mergedCustomerIds, at: new Date(event.updatedAt), survivor: true };
}

export function factOfLink(job: Pick<LinkJob, 'customerId' | 'mergedCustomerIds' | 'linkedAt'>): IdentityFact {
  return { customerId: job.customerId, mergedIds: job.mergedCustomerIds, at: new Date(job.linkedAt), survivor: false };
}

export function factOfSplit(event: Pick<CustomerSplitEvent, 'restoredCustomerId' | 'restoredLineage' | 'splitAt'>): IdentityFact {
  return { customerId: event.restoredCustomerId, mergedIds: event.restoredLineage, at: new Date(event.splitAt), survivor: true };
}

/** One customer id and the survivor it belongs to, as of identity-graph's time `asOf`. */
interface SurvivorRegister {
  _id: string;
  survivorId: string;
  asOf: Date;
}

const registerSchema = new Schema<SurvivorRegister>(
  {
    _id: { type: String, required: true },
    survivorId: { type: String, required: true },
    asOf: { type: Date, required: true },
  },
  { versionKey: false, collection: 'customer_aliases' },
);
// Reads expand a customer id to every id merged into it.
registerSchema.index({ survivorId: 1 });

/**
 * A service's read-only view of identity-graph's answer to "which customer ids are one person now",
 * so data stored under an id later merged away is found under its survivor, and data of a customer
 * split back out is no longer. identity-graph owns the fact; this view only applies its facts.
 *
 * Each id holds one register (survivor, asOf) and a fact only replaces a register older than
 * itself, so facts may arrive in any order, on any queue, any number of times: the view ends as the
 * latest fact about each id says. That is why merges and splits need no ordered stream between
 * them. A register already naming its survivor keeps its date (most facts repeat a lineage already
 * known); a date then only decides against a split, and split customers stay apart unless a steward
 * merges them again.
 */
export class CustomerIdentityView {
  private readonly model: Model<SurvivorRegister>;

  constructor(connection: Connection) {
    // A second view on the same connection (tests) shares the model the first registered.
    this.model = modelOn<SurvivorRegister>(connection, 'CustomerIdentityView', registerSchema);
  }

  async ensureIndexes(): Promise<void> {
    // init() creates the collection; an index build racing that creation fails on some servers.
    await this.model.init();
    await this.model.createIndexes();
  }

  /** Applies facts in one read and one write; only registers that change are written. */
  async record(facts: readonly IdentityFact[]): Promise<void> {
    const wanted = new Map<string, SurvivorRegister>();
    const want = (id: string, survivorId: string, asOf: Date) => {
      const known = wanted.get(id);
      if (!known || known.asOf < asOf) wanted.set(id, { _id: id, survivorId, asOf });
    };
    for (const { customerId, mergedIds, at, survivor } of facts) {
      if (survivor) want(customerId, customerId, at);
      for (const id of mergedIds) if (id !== customerId) want(id, customerId, at);
    }
    if (wanted.size === 0) return;
    const current = await this.model.find({ _id: { $in: [...wanted.keys()] } }).lean<SurvivorRegister[]>();
    const stored = new Map(current.map((r) => [r._id, r]));
    await this.upsertIfNewer([...wanted.values()].filter((r) => stored.get(r._id)?.survivorId !== r.survivorId));
  }

  /** The customer id and every id merged into it. */
  async expand(customerId: string): Promise<string[]> {
    return this.expandAll([customerId]);
  }

  /** Every id of the given customers, including the ids merged into them, in one query. */
  async expandAll(customerIds: readonly string[]): Promise<string[]> {
    const merged = await this.model.find({ survivorId: { $in: customerIds } }, { _id: 1 }).lean();
    return [...new Set([...customerIds, ...merged.map((a) => a._id)])];
  }

  /** Each given customer with every id merged into it (itself first), in one query: `expand` for many people at once. */
  async lineagesOf(customerIds: readonly string[]): Promise<Map<string, string[]>> {
    const lineages = new Map(customerIds.map((id) => [id, [id]]));
    if (lineages.size === 0) return lineages;
    const merged = await this.model.find({ survivorId: { $in: [...lineages.keys()] } }, { _id: 1, survivorId: 1 }).lean();
    for (const r of merged) if (r._id !== r.survivorId) lineages.get(r.survivorId)?.push(r._id);
    return lineages;
  }

  async survivorOf(customerId: string): Promise<string> {
    return (await this.survivorsOf([customerId])).get(customerId) ?? customerId;
  }

  /** The survivor of each id (itself when never merged away), in one query. */
  async survivorsOf(customerIds: readonly string[]): Promise<Map<string, string>> {
    const ids = [...new Set(customerIds)];
    const registers = ids.length > 0 ? await this.model.find({ _id: { $in: ids } }, { survivorId: 1 }).lean() : [];
    const survivors = new Map(ids.map((id) => [id, id]));
    for (const r of registers) survivors.set(r._id, r.survivorId);
    return survivors;
  }

  /** Erasure: forgets these ids, and which ids were merged into them. */
  async eraseCustomers(customerIds: readonly string[]): Promise<number> {
    return (await this.model.deleteMany({ $or: [{ _id: { $in: customerIds } }, { survivorId: { $in: customerIds } }] })).deletedCount;
  }

  async countForCustomers(customerIds: readonly string[]): Promise<number> {
    return this.model.countDocuments({ $or: [{ _id: { $in: customerIds } }, { survivorId: { $in: customerIds } }] });
  }

  private async upsertIfNewer(registers: readonly SurvivorRegister[]): Promise<void> {
    if (registers.length === 0) return;
    try {
      await this.model.bulkWrite(
        registers.map(({ _id, survivorId, asOf }) => ({
          updateOne: { filter: { _id, asOf: { $lt: asOf } }, update: { $set: { survivorId, asOf } }, upsert: true },
        })),
        { ordered: false },
      );
    } catch (err) {
      // A register stored with a later date makes its upsert's insert collide: the later fact stands.
      if (!onlyDuplicateKeys(err)) throw err;
    }
  }
}
