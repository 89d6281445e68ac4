import { CHANNELS, type Channel } from '@c360/contracts';
import { connectMongo } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import type { AnalyticsTouch } from '../domain/analytics-touch';
import { computeCohorts } from '../domain/cohorts';
import { computeFunnel, type FunnelBreakdown } from '../domain/funnel';
import { computePaths } from '../domain/paths';
import { seededRandom, touchpoint } from '../testing/touchpoint-fixtures';
import { AnalyticsRepository } from './analytics.repository';
import { toStoredTouchpoint, TouchpointRepository } from './touchpoint.repository';

const db = uniqueName('c360_test_tp_analytics');
let mongo: Connection;
let analytics: AnalyticsRepository;
const touches: AnalyticsTouch[] = [];
const EVENTS = ['page', 'Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed', 'Email Opened'];
const DAY = 24 * 3600_000;
const start = Date.UTC(2026, 0, 5);

/** Customers with random journeys over ten weeks; a few events share a timestamp to test ordering ties. */
function randomJourneys(seed: number, customers: number): { docs: ReturnType<typeof toStoredTouchpoint>[]; touches: AnalyticsTouch[] } {
  const random = seededRandom(seed);
  const docs: ReturnType<typeof toStoredTouchpoint>[] = [];
  const out: AnalyticsTouch[] = [];
  for (let c = 0; c < customers; c++) {
    const customerId = `cust-${seed}-${c}`;
    let t = start + Math.floor(random() * 50 * DAY);
    const n = 1 + Math.floor(random() * 25);
    for (let i = 0; i < n; i++) {
      t += random() < 0.1 ? 0 : Math.floor(random() * (random() < 0.2 ? 9 * DAY : 6 * 3600_000));
      const event = EVENTS[Math.floor(random() * EVENTS.length)]!;
      const channel = CHANNELS[Math.floor(random() * CHANNELS.length)] as Channel;
      const tp = touchpoint({
        messageId: `${customerId}-${String(i).padStart(3, '0')}`,
        type: event === 'page' ? 'page' : 'track',
        event: event === 'page' ? undefined : event,
        channel,
        occurredAt: new Date(t).toISOString(),
      });
      docs.push(toStoredTouchpoint(tp, new Date(t)));
      out.push({ messageId: tp.messageId, customerId, eventKey: event, channel, occurredAt: new Date(t) });
    }
  }
  return { docs, touches: out };
}

/**
 * Links the touchpoints the way the workers do, with the detours real streams take, so the journey
 * timelines analytics read are built by their maintenance paths: touchpoints linked newest first;
 * every fifth customer first resolved as two customers, then merged; every seventh with some
 * touchpoints first linked to another customer, then split back; one batch linked twice (a retry).
 */
async function linkLikeTheWorkers(repo: TouchpointRepository, truth: readonly AnalyticsTouch[]): Promise<void> {
  const customers = [...new Set(truth.map((t) => t.customerId))];
  const provisional = (t: AnalyticsTouch, i: number) => {
    const c = customers.indexOf(t.customerId);
    if (c % 5 === 0 && i % 2 === 1) return `${t.customerId}-twin`;
    if (c % 7 === 0 && i % 3 === 0) return customers[(c + 1) % customers.length]!;
    return t.customerId;
  };
  const links = [...truth].reverse().map((t, i) => ({ messageId: t.messageId, customerId: provisional(t, i), truth: t.customerId }));
  for (let i = 0; i < links.length; i += 200) await repo.assignCustomers(links.slice(i, i + 200));
  await repo.assignCustomers(links.slice(0, 200));
  await repo.reassignCustomers(customers.filter((_, c) => c % 5 === 0).map((customerId) => ({ from: [`${customerId}-twin`], to: customerId })));
  const strays = links.filter((l) => l.customerId !== l.truth && !l.customerId.endsWith('-twin'));
  for (const customerId of new Set(strays.map((l) => l.truth)))
    await repo.assignMessages(
      customerId,
      strays.filter((l) => l.truth === customerId).map((l) => l.messageId),
    );
}

beforeAll(async () => {
  mongo = await connectMongo(testStack().MONGODB_URI, db);
  const repo = new TouchpointRepository(mongo);
  await repo.ensureIndexes();
  const data = randomJourneys(7, 150);
  await repo.model.collection.insertMany(data.docs as never[]);
  await linkLikeTheWorkers(repo, data.touches);
  // An unlinked touchpoint never counts: analytics are per customer.
  await repo.insertOnce(touchpoint({ event: 'Product Viewed' }), new Date(start));
  touches.push(...data.touches);
  analytics = new AnalyticsRepository(repo.timelines.model);
});

afterAll(async () => {
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, db);
});

describe('funnel', () => {
  it.each<[FunnelBreakdown, number]>([
    ['none', 3 * DAY],
    ['channel', 3 * DAY],
    ['first_touch_channel', 10 * DAY],
  ])('matches the in-code funnel, broken down by %s', async (by, withinMs) => {
    const spec = {
      steps: ['Product Viewed', 'Product Added', 'Checkout Started', 'Order Completed'],
      withinMs,
      from: new Date(start + 7 * DAY),
      to: new Date(start + 42 * DAY),
      by,
    };
    const expected = computeFunnel(touches, spec);
    expect(expected.steps[0]!.count).toBeGreaterThan(20);
    expect(expected.steps[3]!.count).toBeGreaterThan(0);
    expect(await analytics.funnel(spec)).toEqual(expected);
  });

  it('handles a step repeated in the funnel', async () => {
    const spec = { steps: ['page', 'page', 'Order Completed'], withinMs: 7 * DAY, from: new Date(start), to: new Date(start + 70 * DAY), by: 'none' as const };
    expect(await analytics.funnel(spec)).toEqual(computeFunnel(touches, spec));
  });
});

describe('paths', () => {
  it.each([
    [null, 4],
    ['Product Viewed', 5],
    [null, 2],
  ])('matches the in-code paths (from %p, maxLength %p), with transitions', async (from, maxLength) => {
    const spec = { to: 'Order Completed', from, maxLength, top: 8, since: new Date(start + 14 * DAY), until: new Date(start + 60 * DAY) };
    const expected = computePaths(touches, spec);
    expect(expected.conversions).toBeGreaterThan(10);
    expect(await analytics.paths(spec)).toEqual(expected);
  });
});

describe('cohorts', () => {
  it('matches the in-code weekly retention', async () => {
    const spec = { from: new Date(start), to: new Date(start + 6 * 7 * DAY), weeks: 4 };
    const expected = computeCohorts(touches, spec);
    expect(expected.length).toBeGreaterThan(3);
    expect(expected.some((c) => c.retention[2]!.active > 0)).toBe(true);
    expect(await analytics.cohorts(spec)).toEqual(expected);
  });
});

describe('touchpoints stored before the derived fields existed', () => {
  it('are filled in at start and then count in analytics', async () => {
    const repo = new TouchpointRepository(mongo);
    const customerId = uniqueName('legacy');
    const at = new Date(Date.UTC(2024, 0, 2));
    await repo.model.collection.insertOne({
      _id: uniqueName('m'),
      type: 'track',
      event: 'Legacy Event',
      channel: 'store',
      occurredAt: at,
      receivedAt: at,
      identifiers: { crmId: 'x' },
      properties: {},
      customerId,
    } as never);
    expect(await repo.backfillDerivedFields()).toBe(1);
    expect(await repo.backfillDerivedFields()).toBe(0);
    // A later start fills what was stored the old way since (an older instance still running).
    await repo.model.collection.insertOne({
      _id: uniqueName('m'),
      type: 'track',
      event: 'Late Legacy',
      channel: 'web',
      occurredAt: at,
      receivedAt: at,
      identifiers: {},
      properties: {},
      customerId: uniqueName('late'),
    } as never);
    expect(await repo.backfillDerivedFields()).toBe(1);
    expect(await repo.model.countDocuments({ eventKey: { $exists: false } })).toBe(0);
    const [doc] = await repo.timeline([customerId]);
    expect(doc).toMatchObject({ eventKey: 'Legacy Event', family: 'in_person' });
  });
});

describe('timelines whose compiled columns are stale', () => {
  it('are read from their entries, so answers stay exact until they are compiled again', async () => {
    const repo = new TouchpointRepository(mongo);
    const funnel = {
      steps: ['Product Viewed', 'Product Added', 'Order Completed'],
      withinMs: 5 * DAY,
      from: new Date(start + 3 * DAY),
      to: new Date(start + 50 * DAY),
      by: 'channel' as const,
    };
    const paths = { to: 'Order Completed', from: null, maxLength: 4, top: 8, since: new Date(start), until: new Date(start + 70 * DAY) };
    const cohorts = { from: new Date(start), to: new Date(start + 6 * 7 * DAY), weeks: 4 };
    const expected = [computeFunnel(touches, funnel), computePaths(touches, paths), computeCohorts(touches, cohorts)];
    // A change the columns have not caught up with, on every other customer; then wrong columns, to prove they go unread.
    const ids = (await repo.timelines.model.find({}, { _id: 1 }).sort({ _id: 1 }).lean()).map((d) => d._id).filter((_, i) => i % 2 === 0);
    await repo.timelines.model.updateMany({ _id: { $in: ids } }, { $inc: { n: 1 }, $set: { e: [], t: [], c: [], w: [], re: [], rn: [], wd: [] } });
    expect(await Promise.all([analytics.funnel(funnel), analytics.paths(paths), analytics.cohorts(cohorts)])).toEqual(expected);
    await repo.timelines.compileStale();
    expect(await repo.timelines.model.countDocuments({ e: { $size: 0 } })).toBe(0);
    expect(await Promise.all([analytics.funnel(funnel), analytics.paths(paths), analytics.cohorts(cohorts)])).toEqual(expected);
  });
});
