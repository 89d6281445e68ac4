import { EVENTS, eventQueueName, type CustomerUpdatedEvent, type EventName } from '@c360/contracts';
import {
  connectMongo,
  createLogger,
  createQueue,
  createRedisConnection,
  CustomerIdentityView,
  EventPublisher,
  factOfUpdate,
  startCustomerUpdatedWorker,
  type RedisClient,
} from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Worker } from 'bullmq';
import type { Connection } from 'mongoose';
import { forEachCustomerInOrder } from '../workers/per-customer';
import { CompletionTimingRepository } from './completion-timing.repository';
import { DropoffSweep } from './dropoff-sweep';
import { JourneyInstanceRepository } from './journey-instance.repository';
import { JourneyTracker } from './journey-tracker';

/**
 * Two different updates of one person, each with its own start, processed at once (two workers, two
 * replicas): the person must never have two open attempts at a journey, and the sweeps looping beside
 * them must announce each attempt at most once.
 */
const stack = testStack();
const db = uniqueName('c360_test_insights_dropoff_race');
const prefix = uniqueName('t');
const MIN = 60_000;
const SETTINGS = { usualQuantile: 0.9, minCompletions: 20, defaultUsualMs: 5 * MIN, threshold: 0.8 };
const PEOPLE = 40;
const logger = createLogger('insights-test', 'silent');
let mongo: Connection;
let redis: RedisClient;
let publisher: EventPublisher;
let instances: JourneyInstanceRepository;
let timings: CompletionTimingRepository;
let identities: CustomerIdentityView;

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
  instances = new JourneyInstanceRepository(mongo);
  timings = new CompletionTimingRepository(mongo);
  identities = new CustomerIdentityView(mongo);
  await Promise.all([instances.ensureIndexes(), timings.ensureIndexes(), identities.ensureIndexes()]);
});
afterAll(async () => {
  await publisher.close();
  await redis.quit();
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

const ago = (minutes: number) => new Date(Date.now() - minutes * MIN);
const journeyNamed = () => ({
  name: uniqueName('j').toLowerCase(),
  start: ['checkout_started'],
  steps: ['shipping_info_added', 'payment_info_added'],
  complete: ['order_completed'],
});

/** recent: both starts within the usual time (the attempt stays open); overdue: announced at once; merged: the second update is about an id merged into the first's customer. */
const KINDS = ['recent', 'overdue', 'merged'] as const;
type Kind = (typeof KINDS)[number];
interface Person {
  kind: Kind;
  ids: string[];
  updates: [CustomerUpdatedEvent, CustomerUpdatedEvent];
}

function update(customerId: string, version: number, startedMinutesAgo: number, updatedAt: Date, merged: string[] = []): CustomerUpdatedEvent {
  const occurredAt = ago(startedMinutesAgo).toISOString();
  return {
    customerId,
    version,
    mergedCustomerIds: merged,
    updatedAt: updatedAt.toISOString(),
    touchpoints: [{ messageId: uniqueName('m'), channel: 'web', occurredAt, eventKey: 'checkout_started' }],
  };
}

/** People whose merges insights already knows of, each with two different updates, each bringing its own start. */
async function makePeople(): Promise<Person[]> {
  const people = Array.from({ length: PEOPLE }, (_, i): Person => {
    const kind = KINDS[i % KINDS.length] as Kind;
    const id = uniqueName('c');
    const minutes = kind === 'overdue' ? 30 : 2;
    if (kind !== 'merged') return { kind, ids: [id], updates: [update(id, 1, minutes, new Date()), update(id, 2, minutes - 1, new Date())] };
    const alias = uniqueName('c');
    // The update about the merged-away id is an older one, delivered late: it does not undo the merge.
    return { kind, ids: [id, alias], updates: [update(id, 2, minutes, new Date(), [alias]), update(alias, 1, minutes - 1, ago(10))] };
  });
  await identities.record(people.filter((p) => p.kind === 'merged').map((p) => factOfUpdate(p.updates[0])));
  return people;
}

/**
 * Two replicas' sweeps looping as fast as they can, announcing through a publisher that counts what
 * each is asked to publish, and a sampler of every person's open attempts, until `stop`.
 */
function startSweepsAndSampler(people: readonly Person[], journey: string) {
  const announced = new Map<string, number>();
  const counting = {
    publish: async (event: EventName, payload: object, jobId: string) => {
      announced.set(jobId, (announced.get(jobId) ?? 0) + 1);
      await publisher.publish(event, payload, jobId);
    },
  };
  const sweeps = [1, 2].map(
    () =>
      new DropoffSweep({
        instances,
        timings,
        identities,
        consent: { isAllowed: async () => true },
        publisher: counting,
        settings: SETTINGS,
        consentPurpose: 'marketing',
      }),
  );
  const personOf = new Map(people.flatMap((p) => p.ids.map((id) => [id, p.ids[0] as string] as const)));
  const allIds = [...personOf.keys()];
  /** Each person seen with more than one open attempt, and the most seen at once. */
  const doubleOpen = new Map<string, number>();
  let samples = 0;
  const sample = async () => {
    const open = new Map<string, number>();
    for (const a of await instances.forCustomers(allIds)) {
      if (a.journey !== journey || a.status !== 'open') continue;
      const person = personOf.get(a.customerId) as string;
      open.set(person, (open.get(person) ?? 0) + 1);
    }
    for (const [person, n] of open) if (n > 1) doubleOpen.set(person, Math.max(n, doubleOpen.get(person) ?? 0));
    samples++;
  };
  let running = true;
  const loop = async (step: () => Promise<unknown>) => {
    while (running) {
      await step();
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  const loops = [...sweeps.map((s) => loop(() => s.run())), loop(sample)];
  return {
    announced,
    doubleOpen,
    samples: () => samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      await sample();
    },
  };
}

async function attemptsOf(person: Person, journey: string) {
  return (await instances.forCustomers(person.ids)).filter((a) => a.journey === journey);
}

/** What must hold once the updates are in and the overdue attempts announced. */
async function expectOneAttemptEach(people: readonly Person[], journey: string, race: ReturnType<typeof startSweepsAndSampler>) {
  expect(race.samples()).toBeGreaterThan(1);
  // People seen with two open attempts at once, by kind.
  const seenTwice = Object.fromEntries(KINDS.map((k) => [k, people.filter((p) => p.kind === k && race.doubleOpen.has(p.ids[0] as string)).length]));
  expect(seenTwice).toEqual({ recent: 0, overdue: 0, merged: 0 });
  // Both starts within the usual time: the later start joins the attempt the earlier one opened (or is older than it).
  const waiting = people.filter((p) => p.kind !== 'overdue');
  const statuses = await Promise.all(waiting.map(async (p) => (await attemptsOf(p, journey)).map((a) => a.status).join(',')));
  expect(statuses.filter((s) => s !== 'open')).toEqual([]);
  expect([...race.announced].filter(([, n]) => n > 1)).toEqual([]);
  const overdue = people.filter((p) => p.kind === 'overdue');
  const announcedPeople = await Promise.all(overdue.map(async (p) => (await attemptsOf(p, journey)).some((a) => race.announced.has(`dropoff-${a.id}`))));
  expect(announcedPeople.every(Boolean)).toBe(true);
}

const settledOverdue = (people: readonly Person[], journey: string) =>
  waitFor(
    async () =>
      (await Promise.all(people.filter((p) => p.kind === 'overdue').map(async (p) => (await attemptsOf(p, journey)).every((a) => a.status !== 'open')))).every(
        Boolean,
      ),
    30_000,
    'overdue attempts announced',
  );

describe('drop-off attempts under concurrent updates of one person', () => {
  it('opens one attempt per person when two updates with their own starts are folded at once, with sweeps running', async () => {
    const journey = journeyNamed();
    const tracker = new JourneyTracker({ instances, timings, identities, journeys: [journey], settings: SETTINGS });
    const people = await makePeople();
    const race = startSweepsAndSampler(people, journey.name);
    try {
      await Promise.all(people.map((p) => Promise.all(p.updates.map((u) => tracker.onCustomerUpdated(u)))));
      await settledOverdue(people, journey.name);
    } finally {
      await race.stop();
    }
    await expectOneAttemptEach(people, journey.name, race);
  });

  it('opens one attempt per person when two replicas’ workers take the two updates, with sweeps running', async () => {
    const journey = journeyNamed();
    const tracker = new JourneyTracker({ instances, timings, identities, journeys: [journey], settings: SETTINGS });
    const queues = { connection: redis, prefix };
    // Each replica's worker batches its jobs; across replicas nothing keeps one person's updates apart.
    const workers: Worker[] = [1, 2].map(() =>
      startCustomerUpdatedWorker(queues, 'insights', {
        identities,
        logger,
        maxBatch: 2,
        process: (events) => forEachCustomerInOrder(events, (e) => tracker.onCustomerUpdated(e)),
      }),
    );
    const queue = createQueue(queues, eventQueueName(EVENTS.customerUpdated, 'insights'));
    const people = await makePeople();
    const race = startSweepsAndSampler(people, journey.name);
    try {
      await Promise.all(people.flatMap((p) => p.updates.map((u) => publisher.publish(EVENTS.customerUpdated, u, uniqueName('e')))));
      await waitFor(
        async () => {
          const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed');
          return Object.values(counts).every((n) => n === 0);
        },
        30_000,
        'every update processed',
      );
      await settledOverdue(people, journey.name);
    } finally {
      await race.stop();
      await Promise.all(workers.map((w) => w.close()));
      await queue.close();
    }
    await expectOneAttemptEach(people, journey.name, race);
  });
});
