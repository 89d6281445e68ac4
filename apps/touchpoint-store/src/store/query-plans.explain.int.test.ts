import { CHANNELS, type Channel } from '@c360/contracts';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import mongoose, { type Connection } from 'mongoose';
import { touchpoint } from '../testing/touchpoint-fixtures';
import { AnalyticsRepository } from './analytics.repository';
import { CustomerJourneyRepository } from './customer-journey.repository';
import { TouchpointPrivacyRepository } from './touchpoint-privacy.repository';
import { TouchpointRepository } from './touchpoint.repository';

/**
 * The hot queries use an index on a real engine (FerretDB/DocumentDB or MongoDB): the commands the
 * stores actually send are recorded through the driver's command monitoring, and each one's filter
 * is explained. Needs `explain`, which the Java imitation lacks: `npm test` runs this file when
 * FerretDB serves the stack, and .ci/run leaves it out of the Java fallback pass.
 */
const db = uniqueName('c360_test_tp_plans');
let mongo: Connection;
let repo: TouchpointRepository;
const sent: { commandName: string; command: Record<string, unknown> }[] = [];
const CUSTOMERS = 400;
const PER_CUSTOMER = 8;

beforeAll(async () => {
  mongo = await mongoose.createConnection(testStack().MONGODB_URI, { dbName: db, autoIndex: false, monitorCommands: true }).asPromise();
  mongo.getClient().on('commandStarted', (e) => sent.push({ commandName: e.commandName, command: e.command as Record<string, unknown> }));
  repo = new TouchpointRepository(mongo);
  await repo.ensureIndexes();
  await repo.timelines.model.init();
  // Enough rows that a planner prefers an index where one serves: a few thousand touchpoints.
  const items = [];
  for (let c = 0; c < CUSTOMERS; c++)
    for (let i = 0; i < PER_CUSTOMER; i++)
      items.push({
        touchpoint: touchpoint({
          messageId: `m-${c}-${i}`,
          event: i % 3 === 0 ? 'Order Completed' : 'Product Viewed',
          channel: CHANNELS[(c + i) % CHANNELS.length] as Channel,
          occurredAt: new Date(Date.UTC(2026, 0, 1 + i, c % 24)).toISOString(),
        }),
        receivedAt: new Date(),
        batchId: `batch-${c % 50}`,
      });
  await repo.insertManyOnce(items);
  for (let c = 0; c < CUSTOMERS; c += 50)
    await repo.assignCustomers(
      items
        .slice(c * PER_CUSTOMER, (c + 50) * PER_CUSTOMER)
        .map((x, i) => ({ messageId: x.touchpoint.messageId, customerId: `cust-${c + Math.floor(i / PER_CUSTOMER)}` })),
    );
}, 120_000);

afterAll(async () => {
  await mongo.close();
  await dropDatabase(testStack().MONGODB_URI, db);
});

/** The commands sent while `run` ran, of one kind on one collection. */
async function commandsOf(run: () => Promise<unknown>, commandName: string, collection: string): Promise<Record<string, unknown>[]> {
  const from = sent.length;
  await run();
  const found = sent.slice(from).filter((s) => s.commandName === commandName && s.command[commandName] === collection);
  expect(found.length).toBeGreaterThan(0);
  return found.map((s) => s.command);
}

/** A filter (with its sort) as the engine plans it: the index names it uses and whether it scans the collection. */
async function planOf(collection: string, filter: unknown, sort?: unknown): Promise<{ indexes: Set<string>; scans: boolean }> {
  const plan = await mongo.db!.command({ explain: { find: collection, filter, ...(sort ? { sort } : {}) }, verbosity: 'queryPlanner' });
  const indexes = new Set<string>();
  let scans = false;
  // Both plan shapes: MongoDB's (stage IXSCAN/COLLSCAN, indexName) and DocumentDB's PostgreSQL plan ("Index Name", "Seq Scan").
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      // DocumentDB lists the indexes it costed but did not pick under IndexCosts.
      if (key === 'IndexCosts' || key === 'rejectedPlans') continue;
      if ((key === 'indexName' || key === 'Index Name') && typeof value === 'string') indexes.add(value);
      if ((key === 'stage' && value === 'COLLSCAN') || (key === 'Node Type' && value === 'Seq Scan')) scans = true;
      walk(value);
    }
  };
  walk(plan['queryPlanner'] ?? plan);
  return { indexes, scans };
}

const JOURNEY_INDEX = 'customerId_1_occurredAt_1__id_1';

describe('hot queries on a real engine use an index, never a collection scan', () => {
  it('journey page: the customers’ touchpoints in time order, paged', async () => {
    const customers = ['cust-7', 'cust-8'];
    const [first] = await commandsOf(() => repo.journey(customers, 3, null), 'find', 'touchpoints');
    const page = await repo.journey(customers, 3, null);
    const [next] = await commandsOf(() => repo.journey(customers, 3, { occurredAt: page[2]!.occurredAt, messageId: page[2]!._id }), 'find', 'touchpoints');
    for (const cmd of [first!, next!]) {
      const plan = await planOf('touchpoints', cmd['filter'], cmd['sort']);
      expect(plan).toEqual({ indexes: new Set([JOURNEY_INDEX]), scans: false });
    }
  });

  it('sessions and journey stage: one customer’s touchpoints', async () => {
    const journeys = new CustomerJourneyRepository(repo.model);
    for (const run of [() => journeys.sessions(['cust-9'], 30 * 60_000), () => journeys.eventTallies(['cust-9'], 5)]) {
      const [cmd] = await commandsOf(run, 'find', 'touchpoints');
      expect(await planOf('touchpoints', cmd!['filter'], cmd!['sort'])).toEqual({ indexes: new Set([JOURNEY_INDEX]), scans: false });
    }
  });

  it('link: touchpoints read and written by messageId, timelines by customer id', async () => {
    const cmds = await commandsOf(() => repo.assignCustomers([{ messageId: 'm-3-1', customerId: 'cust-x' }]), 'find', 'touchpoints');
    expect(await planOf('touchpoints', cmds[0]!['filter'])).toEqual({ indexes: new Set(['_id_']), scans: false });
    const updates = await commandsOf(() => repo.assignCustomers([{ messageId: 'm-3-2', customerId: 'cust-y' }]), 'update', 'journey_timelines');
    for (const u of updates.flatMap((c) => c['updates'] as { q: unknown }[]))
      expect(await planOf('journey_timelines', u.q)).toEqual({ indexes: new Set(['_id_']), scans: false });
  });

  it('merge: the merged customers’ touchpoints found by customerId', async () => {
    const [cmd] = await commandsOf(() => repo.reassignCustomers([{ from: ['cust-11', 'cust-12'], to: 'cust-10' }]), 'update', 'touchpoints');
    const q = (cmd!['updates'] as { q: unknown }[])[0]!.q;
    expect(await planOf('touchpoints', q)).toEqual({ indexes: new Set([JOURNEY_INDEX]), scans: false });
  });

  it('erasure and export: a customer’s touchpoints by customerId', async () => {
    const privacy = new TouchpointPrivacyRepository(mongo);
    const [exported] = await commandsOf(() => privacy.forCustomers(['cust-20']), 'find', 'touchpoints');
    expect(await planOf('touchpoints', exported!['filter'], exported!['sort'])).toEqual({ indexes: new Set([JOURNEY_INDEX]), scans: false });
    const [erased] = await commandsOf(() => privacy.eraseCustomers(['cust-21']), 'delete', 'touchpoints');
    expect(await planOf('touchpoints', (erased!['deletes'] as { q: unknown }[])[0]!.q)).toEqual({ indexes: new Set([JOURNEY_INDEX]), scans: false });
  });

  it('reconciliation and the derived-fields backfill', async () => {
    const [counts] = await commandsOf(() => repo.countsByBatch(['batch-3']), 'aggregate', 'touchpoints');
    const match = ((counts!['pipeline'] as Record<string, unknown>[])[0]!['$match'] as unknown) ?? {};
    expect(await planOf('touchpoints', match)).toEqual({ indexes: new Set(['batchIds_1']), scans: false });
    const [backfill] = await commandsOf(() => repo.backfillDerivedFields(), 'find', 'touchpoints');
    expect(await planOf('touchpoints', backfill!['filter'])).toEqual({ indexes: new Set(['eventKey_1_occurredAt_1']), scans: false });
  });

  it('funnel, paths and cohorts read the journey timelines, one small document per customer, in one pass', async () => {
    // By design a scan of the materialised view: every customer may count. What matters is that
    // they never read the touchpoints, which hold ~8-25 times more documents.
    const analytics = new AnalyticsRepository(repo.timelines.model);
    const since = new Date(Date.UTC(2026, 0, 1));
    const until = new Date(Date.UTC(2026, 1, 1));
    const runs = [
      () => analytics.funnel({ steps: ['Product Viewed', 'Order Completed'], withinMs: 30 * 86_400_000, from: since, to: until, by: 'none' }),
      () => analytics.paths({ to: 'Order Completed', from: null, maxLength: 4, top: 5, since, until }),
      () => analytics.cohorts({ from: since, to: until, weeks: 4 }),
    ];
    for (const run of runs) {
      const from = sent.length;
      await run();
      const aggregates = sent.slice(from).filter((s) => s.commandName === 'aggregate');
      expect(aggregates.map((s) => s.command['aggregate'])).toEqual(['journey_timelines']);
    }
  });
});
