import { modelOn, isDuplicateKey } from '@c360/service-kit';
import { Schema, type Connection, type Model, type mongo } from 'mongoose';
import { MONDAY_EPOCH_MS, WEEK_MS } from '../domain/cohorts';
import { compiledColumnsOf, TIMELINE_ORDER, timelineMovesOf, type CustomerMerge, type TimelineColumns, type TimelineEntry } from '../domain/journey-timeline';
import type { TouchpointDoc } from './touchpoint.repository';

/**
 * One customer's touchpoints in order, reduced to what analytics read (see domain/journey-timeline.ts).
 * `s` is the timeline itself, `n` counts changes to it; the compiled columns (TimelineColumns) are
 * `s` as it was at change `cn`, because the pipelines read them far faster than they work the same
 * out from `s` on every query. Columns with `cn` ≠ `n` are stale, and the pipelines read `s`
 * instead, so a query is never wrong, only slower for a customer being changed.
 */
export interface JourneyTimelineDoc extends Partial<TimelineColumns> {
  _id: string;
  s: TimelineEntry[];
  n: number;
  cn?: number;
}

const entrySchema = new Schema<TimelineEntry>({ m: String, t: Date, e: String, c: String, w: Number }, { _id: false });
const timelineSchema = new Schema<JourneyTimelineDoc>(
  {
    _id: { type: String, required: true },
    s: [entrySchema],
    n: { type: Number, default: 0 },
    cn: Number,
    e: [String],
    t: [Date],
    c: [String],
    w: [Number],
    re: [String],
    rn: [Number],
    wd: [Number],
  },
  { versionKey: false, collection: 'journey_timelines' },
);
// No secondary index: every write and read by key uses _id, and analytics read the whole collection
// (one small document per customer instead of sorting and grouping every touchpoint per query);
// query-plans.explain.int.test.ts checks both on a real engine.

// Written through the driver: documents are built in the right types already, and mongoose's casting
// of every operation cost more CPU than the rest of the link path.
type TimelineWrite = mongo.AnyBulkWriteOperation<JourneyTimelineDoc>;

const TIMELINES_MIGRATION = 'journey-timelines-v1';
const COMPILE_BATCH = 1_000;
const weekExpression = (date: string) => ({ $floor: { $divide: [{ $subtract: [date, new Date(MONDAY_EPOCH_MS)] }, WEEK_MS] } });

/**
 * Per customer, its touchpoints in time order: the materialised view funnels, paths and cohorts
 * scan. TouchpointRepository keeps it in step whenever a touchpoint's customer changes; the privacy
 * repository when touchpoints are erased or expire.
 *
 * Every write is keyed by _id alone and idempotent, so a retried job repairs rather than duplicates: an assignment pulls the entries it
 * places from their former and their new owner, then pushes them in order ($push $each $sort). The
 * view is written before the touchpoints, so a crash between the two leaves touchpoints still
 * naming their former owner, and the retry pulls from it again. Two jobs placing the same
 * touchpoint at the same moment could leave it twice in one timeline until it is next placed; a
 * duplicate entry changes no funnel, path or cohort count except a funnel that repeats one event
 * as consecutive steps.
 */
export class JourneyTimelineRepository {
  readonly model: Model<JourneyTimelineDoc>;
  private readonly collection: mongo.Collection<JourneyTimelineDoc>;

  constructor(connection: Connection) {
    this.model = modelOn<JourneyTimelineDoc>(connection, 'JourneyTimeline', timelineSchema);
    this.collection = this.model.db.collection<JourneyTimelineDoc>(this.model.collection.collectionName);
  }

  /** Places touchpoints in their new owners' timelines and takes them out of their former owners'. */
  async place(assignments: readonly { entry: TimelineEntry; from: string | null; to: string }[]): Promise<void> {
    const { gains, losses } = timelineMovesOf(assignments);
    const ops: TimelineWrite[] = [];
    for (const [customerId, messageIds] of losses) ops.push(pull(customerId, messageIds));
    for (const [customerId, entries] of gains)
      ops.push(
        pull(
          customerId,
          entries.map((e) => e.m),
        ),
        push(customerId, entries),
      );
    if (ops.length === 0) return;
    // Ordered: each pull must precede its push.
    await this.collection.bulkWrite(ops, { ordered: true });
    await this.compile([...losses.keys(), ...gains.keys()]);
  }

  /**
   * Merges: the merged customers' entries join the survivor's timeline, and their timelines go.
   * Several merges are applied together, unless a survivor is itself merged away in the same call
   * (a chain, as one batch of resolutions can make), which is applied one merge at a time in order.
   * Takes effective merges (see effectiveMerges): none names its survivor among its sources.
   */
  async merge(wanted: readonly CustomerMerge[]): Promise<void> {
    const sources = new Set(wanted.flatMap((m) => m.from));
    if (wanted.length > 1 && wanted.some((m) => sources.has(m.to))) {
      for (const m of wanted) await this.merge([m]);
      return;
    }
    if (sources.size === 0) return;
    const merged = new Map(
      (await this.model.find({ _id: { $in: [...sources] } }, { s: 1 }).lean<Pick<JourneyTimelineDoc, '_id' | 's'>[]>()).map((d) => [d._id, d.s]),
    );
    const ops: TimelineWrite[] = [];
    const survivors: string[] = [];
    for (const { from, to } of wanted) {
      const entries = from.flatMap((id) => merged.get(id) ?? []);
      if (entries.length === 0) continue;
      ops.push(
        pull(
          to,
          entries.map((e) => e.m),
        ),
        push(to, entries),
      );
      survivors.push(to);
    }
    if (ops.length > 0) {
      await this.collection.bulkWrite(ops, { ordered: true });
      await this.compile(survivors);
    }
    if (merged.size > 0) await this.model.deleteMany({ _id: { $in: [...merged.keys()] } });
  }

  /** The touchpoints each of these customers' timelines holds (customers without one are left out). */
  async messagesOf(customerIds: readonly string[]): Promise<Map<string, string[]>> {
    const docs = await this.model.find({ _id: { $in: [...customerIds] } }, { s: 1 }).lean<Pick<JourneyTimelineDoc, '_id' | 's'>[]>();
    return new Map(docs.map((d) => [d._id, d.s.map((e) => e.m)]));
  }

  async remove(customerIds: readonly string[]): Promise<void> {
    if (customerIds.length > 0) await this.model.deleteMany({ _id: { $in: [...customerIds] } });
  }

  /** Retention: entries of touchpoints that happened before the cut-off, and timelines left empty. */
  async dropBefore(cutoff: Date): Promise<void> {
    await this.model.updateMany({ 's.t': { $lt: cutoff } }, { $pull: { s: { t: { $lt: cutoff } } }, $inc: { n: 1 } });
    await this.model.deleteMany({ s: { $size: 0 } });
    await this.compileStale();
  }

  /**
   * Writes the columns of these timelines as they are now. Safe against concurrent changes: the
   * columns are stamped with the change count they were read at, so columns from an older read
   * are simply stale, never wrong.
   */
  async compile(customerIds: readonly string[]): Promise<void> {
    const ids = [...new Set(customerIds)];
    for (let i = 0; i < ids.length; i += COMPILE_BATCH) {
      const docs = await this.model
        .find({ _id: { $in: ids.slice(i, i + COMPILE_BATCH) } }, { s: 1, n: 1 })
        .lean<Pick<JourneyTimelineDoc, '_id' | 's' | 'n'>[]>();
      await this.writeColumns(docs);
    }
  }

  /** Compiles every timeline whose columns are stale (after a build or retention, or a compile lost to a crash). */
  async compileStale(): Promise<void> {
    // One pass over the collection: paging by _id would make the stand-in scan it once per page.
    let stale: Pick<JourneyTimelineDoc, '_id' | 's' | 'n'>[] = [];
    for await (const doc of this.model
      .find({}, { s: 1, n: 1, cn: 1 })
      .lean<Pick<JourneyTimelineDoc, '_id' | 's' | 'n' | 'cn'>[]>()
      .cursor({ batchSize: COMPILE_BATCH })) {
      if (doc.cn === doc.n) continue;
      stale.push(doc);
      if (stale.length === COMPILE_BATCH) {
        await this.writeColumns(stale);
        stale = [];
      }
    }
    await this.writeColumns(stale);
  }

  private async writeColumns(docs: readonly Pick<JourneyTimelineDoc, '_id' | 's' | 'n'>[]): Promise<void> {
    if (docs.length === 0) return;
    await this.collection.bulkWrite(
      docs.map((d): TimelineWrite => ({ updateOne: { filter: { _id: d._id }, update: { $set: { ...compiledColumnsOf(d.s), cn: d.n } } } })),
      { ordered: false },
    );
  }

  /**
   * Builds every timeline from the touchpoints collection (one aggregation replacing the collection
   * with $out, then each compiled), for touchpoints linked before timelines existed; says whether
   * it did. Run at start before the workers. The first instance to claim the marker builds; the
   * others, and every later start, skip. A database with no linked touchpoint (a new deployment) needs no build, so replicas
   * starting together cannot replace timelines another has begun to write. When upgrading one that
   * has some, stop the link workers until the build is done: links written meanwhile would be replaced.
   */
  async buildOnce(touchpoints: Model<TouchpointDoc>): Promise<boolean> {
    const migrations = this.model.db.collection<{ _id: string; startedAt: Date; doneAt?: Date }>('migrations');
    try {
      await migrations.insertOne({ _id: TIMELINES_MIGRATION, startedAt: new Date() });
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    const linked = await touchpoints.exists({ customerId: { $ne: null } });
    if (linked) await this.rebuild(touchpoints);
    await migrations.updateOne({ _id: TIMELINES_MIGRATION }, { $set: { doneAt: new Date() } });
    return linked !== null;
  }

  async rebuild(touchpoints: Model<TouchpointDoc>): Promise<void> {
    await touchpoints
      .aggregate(
        [
          { $match: { customerId: { $ne: null } } },
          { $sort: { customerId: 1, occurredAt: 1, _id: 1 } },
          { $project: { customerId: 1, entry: { m: '$_id', t: '$occurredAt', e: '$eventKey', c: '$channel', w: weekExpression('$occurredAt') } } },
          { $group: { _id: '$customerId', s: { $push: '$entry' }, n: { $sum: 0 } } },
          { $out: this.model.collection.collectionName },
        ],
        { allowDiskUse: true },
      )
      .exec();
    // $push in $group need not keep the order of the $sort before it (DocumentDB does not): each
    // timeline is put in order in place ($push of nothing, sorted).
    await this.collection.updateMany({}, { $push: { s: { $each: [], $sort: TIMELINE_ORDER } } });
    await this.compileStale();
  }
}

function pull(customerId: string, messageIds: readonly string[]): TimelineWrite {
  return { updateOne: { filter: { _id: customerId }, update: { $pull: { s: { m: { $in: [...messageIds] } } }, $inc: { n: 1 } } } };
}

function push(customerId: string, entries: readonly TimelineEntry[]): TimelineWrite {
  return { updateOne: { filter: { _id: customerId }, update: { $push: { s: { $each: [...entries], $sort: TIMELINE_ORDER } }, $inc: { n: 1 } }, upsert: true } };
}
