import { connectMongo } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { compiledColumnsOf } from '../domain/journey-timeline';
import { touchpoint } from '../testing/touchpoint-fixtures';
import type { JourneyTimelineDoc } from './journey-timeline.repository';
import { QuarantineRepository } from './quarantine.repository';
import { TouchpointPrivacyRepository } from './touchpoint-privacy.repository';
import { toStoredTouchpoint, TouchpointRepository } from './touchpoint.repository';

const db = uniqueName('c360_test_tp_timelines');
let mongo: Connection;
let repo: TouchpointRepository;
const base = Date.UTC(2026, 2, 2);
const minute = 60_000;

/** Stores unlinked touchpoints named `${prefix}-${i}`, occurring `minutes[i]` after base. */
async function storedIn(into: TouchpointRepository, prefix: string, minutes: readonly number[]): Promise<string[]> {
  const docs = minutes.map((m, i) =>
    toStoredTouchpoint(touchpoint({ messageId: `${prefix}-${i}`, event: `E${i}`, occurredAt: new Date(base + m * minute).toISOString() }), new Date(base)),
  );
  await into.model.collection.insertMany(docs as never[]);
  return docs.map((d) => d._id);
}
const stored = (prefix: string, minutes: readonly number[]) => storedIn(repo, prefix, minutes);

const columnsOf = ({ e, t, c, w, re, rn, wd }: JourneyTimelineDoc) => ({ e, t, c, w, re, rn, wd });

/** The timeline's message ids in order, after checking its columns are current and match its entries. */
async function timelineOf(customerId: string): Promise<string[] | null> {
  const doc = await repo.timelines.model.findById(customerId).lean();
  if (!doc) return null;
  expect(doc.cn).toBe(doc.n);
  expect(columnsOf(doc)).toEqual(compiledColumnsOf(doc.s));
  return doc.s.map((e) => e.m);
}

beforeAll(async () => {
  mongo = await connectMongo(testStack().MONGODB_URI, db);
  repo = new TouchpointRepository(mongo);
  new QuarantineRepository(mongo);
  await repo.ensureIndexes();
});

afterAll(async () => {
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, db);
});

describe('journey timelines', () => {
  it('keep touchpoints in time order however they arrive, and a retried link adds nothing', async () => {
    const customer = uniqueName('c');
    const ids = await stored(uniqueName('order'), [30, 10, 20, 10]);
    await repo.assignCustomers([{ messageId: ids[0]!, customerId: customer }]);
    await repo.assignCustomers(ids.slice(1).map((messageId) => ({ messageId, customerId: customer })));
    await repo.assignCustomers(ids.map((messageId) => ({ messageId, customerId: customer })));
    // Equal times fall back to messageId order, as in the touchpoint store.
    expect(await timelineOf(customer)).toEqual([ids[1], ids[3], ids[2], ids[0]]);
  });

  it('move a touchpoint linked again to another customer (a split), and drop a timeline only its merge emptied', async () => {
    const [first, second, survivor] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    const ids = await stored(uniqueName('move'), [1, 2, 3, 4]);
    await repo.assignCustomers(ids.map((messageId, i) => ({ messageId, customerId: i < 3 ? first : second })));
    await repo.assignMessages(second, [ids[0]!]);
    expect(await timelineOf(first)).toEqual([ids[1], ids[2]]);
    expect(await timelineOf(second)).toEqual([ids[0], ids[3]]);

    await repo.reassignCustomers([{ from: [first, second], to: survivor }]);
    await repo.reassignCustomers([{ from: [first, second], to: survivor }]); // a retried merge
    expect(await timelineOf(survivor)).toEqual(ids);
    expect(await timelineOf(first)).toBeNull();
    expect(await timelineOf(second)).toBeNull();
    expect(await repo.model.countDocuments({ customerId: survivor })).toBe(4);
  });

  it('follow a chain of merges made in one batch (a into b, then b into c) to its end', async () => {
    const [a, b, c] = [uniqueName('a'), uniqueName('b'), uniqueName('c')];
    const ids = await stored(uniqueName('chain'), [3, 2, 1]);
    await repo.assignCustomers(ids.map((messageId, i) => ({ messageId, customerId: [a, b, c][i]! })));
    await repo.reassignCustomers([
      { from: [a], to: b },
      { from: [b, a], to: c },
    ]);
    expect(await timelineOf(c)).toEqual([ids[2], ids[1], ids[0]]);
    expect([await timelineOf(a), await timelineOf(b)]).toEqual([null, null]);
    expect(await repo.model.countDocuments({ customerId: c, _id: { $in: ids } })).toBe(3);
  });

  it('finish a merge that crashed after moving the touchpoints and before merging the timelines', async () => {
    const [merged, survivor] = [uniqueName('c'), uniqueName('c')];
    const ids = await stored(uniqueName('crash'), [1, 2]);
    await repo.assignCustomers(ids.map((messageId) => ({ messageId, customerId: merged })));
    // The state the crash leaves: touchpoints on the survivor, the merged timeline still in place.
    await repo.model.updateMany({ _id: { $in: ids } }, { $set: { customerId: survivor } });
    await repo.reassignCustomers([{ from: [merged], to: survivor }]);
    expect(await timelineOf(survivor)).toEqual(ids);
    expect(await timelineOf(merged)).toBeNull();
    expect(await repo.model.countDocuments({ customerId: survivor, _id: { $in: ids } })).toBe(2);
  });

  it('answer missing touchpoints without placing anything for them', async () => {
    const customer = uniqueName('c');
    const [id] = await stored(uniqueName('missing'), [1]);
    expect(
      await repo.assignCustomers([
        { messageId: id!, customerId: customer },
        { messageId: 'not-stored', customerId: customer },
      ]),
    ).toEqual(['not-stored']);
    expect(await timelineOf(customer)).toEqual([id]);
  });

  it('forget erased customers and expired touchpoints', async () => {
    const privacy = new TouchpointPrivacyRepository(mongo);
    const [erased, kept] = [uniqueName('c'), uniqueName('c')];
    const old = await stored(uniqueName('old'), [-3 * 365 * 24 * 60]);
    const recent = await stored(uniqueName('recent'), [1, 2]);
    await repo.assignCustomers([...old, recent[0]!].map((messageId) => ({ messageId, customerId: kept })));
    await repo.assignCustomers([{ messageId: recent[1]!, customerId: erased }]);

    expect(await privacy.eraseCustomers([erased])).toBe(1);
    expect(await timelineOf(erased)).toBeNull();
    await privacy.deleteOlderThan(new Date(base - 365 * 24 * 60 * minute));
    expect(await timelineOf(kept)).toEqual([recent[0]]);
  });

  it('are built from touchpoints linked before timelines existed, once', async () => {
    const other = await connectMongo(testStack().MONGODB_URI, uniqueName('c360_test_tp_timelines_build'));
    try {
      const legacy = new TouchpointRepository(other);
      await legacy.ensureIndexes();
      const customer = uniqueName('c');
      // Stored out of time order, enough of them that an engine grouping in storage order would show it.
      const minutes = Array.from({ length: 40 }, (_, i) => (i * 17) % 41);
      const docs = minutes.map((m, i) => ({
        ...toStoredTouchpoint(touchpoint({ messageId: `legacy-${i}`, occurredAt: new Date(base + m * minute).toISOString() }), new Date(base)),
        customerId: customer,
      }));
      await legacy.model.collection.insertMany(docs as never[]);
      expect(await legacy.timelines.buildOnce(legacy.model)).toBe(true);
      expect(await legacy.timelines.buildOnce(legacy.model)).toBe(false);
      const doc = await legacy.timelines.model.findById(customer).lean();
      const inTimeOrder = minutes.map((m, i) => ({ m, id: `legacy-${i}` })).sort((a, b) => a.m - b.m);
      expect(doc?.s.map((e) => e.m)).toEqual(inTimeOrder.map((x) => x.id));
      expect(doc?.cn).toBe(doc?.n);
      expect(columnsOf(doc!)).toEqual(compiledColumnsOf(doc!.s));
    } finally {
      await other.dropDatabase();
      await other.close();
    }
  });
  it('need no build in a new deployment, so a replica starting late replaces nothing another has written', async () => {
    const other = await connectMongo(testStack().MONGODB_URI, uniqueName('c360_test_tp_timelines_new'));
    try {
      const [first, late] = [new TouchpointRepository(other), new TouchpointRepository(other)];
      await first.ensureIndexes();
      expect(await first.timelines.buildOnce(first.model)).toBe(false);
      const [id] = await storedIn(first, uniqueName('new'), [1]);
      await first.assignCustomers([{ messageId: id!, customerId: 'c-new' }]);
      expect(await late.timelines.buildOnce(late.model)).toBe(false);
      expect((await first.timelines.model.findById('c-new').lean())?.s.map((e) => e.m)).toEqual([id]);
    } finally {
      await other.dropDatabase();
      await other.close();
    }
  });
});
