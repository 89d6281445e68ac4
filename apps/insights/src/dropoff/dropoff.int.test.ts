import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName, journeyDropoffEventSchema, type CustomerSplitEvent, type JourneyDropoffEvent } from '@c360/contracts';
import { connectMongo, createQueue, CustomerIdentityView, TouchFactRepository } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { createInsightsPrivacyHandlers } from '../privacy/insights-privacy.handlers';
import { startInsightsHarness, type InsightsHarness } from '../testing/decisions-harness';
import { CompletionTimingRepository } from './completion-timing.repository';
import { dropoffSubjectData } from './dropoff-privacy';
import { DropoffSweep } from './dropoff-sweep';
import { JourneyInstanceRepository } from './journey-instance.repository';
import { JourneyTracker } from './journey-tracker';

const JOURNEY = 'checkout';
const MIN = 60_000;
let h: InsightsHarness;
let mongo: Connection;
let instances: JourneyInstanceRepository;
let generationQueue: Queue;

beforeAll(async () => {
  h = await startInsightsHarness({
    DROPOFF_JOURNEYS: JSON.stringify([
      { name: JOURNEY, start: ['checkout_started'], steps: ['shipping_info_added', 'payment_info_added'], complete: ['order_completed'] },
    ]),
    // Untrained, the usual time is 5 minutes: a checkout begun 30 minutes ago is overdue at once.
    DROPOFF_DEFAULT_USUAL_MINUTES: '5',
    DROPOFF_SWEEP_MS: '200',
    DROPOFF_THRESHOLD: '0.8',
  });
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  instances = new JourneyInstanceRepository(mongo);
  const redis = h.redis;
  generationQueue = createQueue({ connection: redis, prefix: h.prefix }, eventQueueName(EVENTS.journeyDropoff, 'generation'));
});
afterAll(async () => {
  await generationQueue.close();
  await mongo.close();
  await h.close();
});

async function dropoffsFor(queue: Queue, customerId: string): Promise<JourneyDropoffEvent[]> {
  const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized']);
  return jobs.map((j) => journeyDropoffEventSchema.parse(j.data)).filter((e) => e.customerId === customerId);
}

async function settled(customerId: string) {
  return waitFor(async () => {
    const [attempt] = await instances.forCustomers([customerId]);
    return attempt && attempt.status !== 'open' && attempt;
  });
}

const ago = (minutes: number) => new Date(Date.now() - minutes * MIN);
const SETTINGS = { usualQuantile: 0.9, minCompletions: 20, defaultUsualMs: 5 * MIN, threshold: 0.8 };
const CHECKOUT = { name: JOURNEY, start: ['checkout_started'], steps: ['shipping_info_added', 'payment_info_added'], complete: ['order_completed'] };

describe('drop-off detection', () => {
  it('announces a checkout left past its usual time, with the step reached and the channels consent allows', async () => {
    const id = uniqueName('c');
    h.consentTo(id, ['email', 'app']);
    await h.touch(id, [
      { event: 'checkout_started', at: ago(30) },
      { event: 'payment_info_added', at: ago(29) },
      { event: 'shipping_info_added', at: ago(28) },
    ]);
    const [event] = await waitFor(async () => {
      const found = await dropoffsFor(generationQueue, id);
      return found.length > 0 && found;
    });
    expect(event).toMatchObject({ customerId: id, journey: JOURNEY, stepReached: 'payment_info_added', stepIndex: 2, channels: ['app', 'email'] });
    expect(event!.score).toBeGreaterThanOrEqual(0.8);
    expect((await settled(id)).status).toBe('notified');
  });

  it('announces nothing for a completed journey, and learns from it how long completing takes', async () => {
    const id = uniqueName('c');
    h.consentTo(id, ['email']);
    const timings = new CompletionTimingRepository(mongo);
    const before = await timings.get(JOURNEY);
    await h.touch(id, [
      { event: 'checkout_started', at: ago(30) },
      { event: 'order_completed', at: ago(27) },
    ]);
    const done = await settled(id);
    expect(done.status).toBe('completed');
    // The timing is counted just after the attempt is closed.
    const after = await waitFor(async () => {
      const t = await timings.get(JOURNEY);
      return t.completed > before.completed && t;
    });
    expect(after.completed - before.completed).toBe(1);
    expect(after.started - before.started).toBe(1);
    expect(await dropoffsFor(generationQueue, id)).toEqual([]);
  });

  it('sends nothing without marketing consent or under a restriction', async () => {
    const [refused, restricted] = [uniqueName('c'), uniqueName('c')];
    h.consentTo(restricted, ['email'], true);
    for (const id of [refused, restricted]) await h.touch(id, [{ event: 'checkout_started', at: ago(30) }]);
    expect((await settled(refused)).status).toBe('suppressed');
    expect((await settled(restricted)).status).toBe('suppressed');
    expect(await dropoffsFor(generationQueue, refused)).toEqual([]);
    expect(await dropoffsFor(generationQueue, restricted)).toEqual([]);
  });

  it('waits while a journey is within its usual time', async () => {
    const id = uniqueName('c');
    h.consentTo(id, ['email']);
    await h.touch(id, [{ event: 'checkout_started', at: new Date() }]);
    const attempt = await waitFor(async () => (await instances.forCustomers([id]))[0]);
    await new Promise((r) => setTimeout(r, 800));
    expect((await instances.get(attempt.id))?.status).toBe('open');
    expect(attempt.dueAt.getTime() - attempt.startedAt.getTime()).toBeGreaterThan(0);
  });

  it('follows a split: the attempt goes with its start touchpoint', async () => {
    const [survivor, restored] = [uniqueName('c'), uniqueName('c')];
    const [startId] = await h.touch(survivor, [{ event: 'checkout_started', at: new Date() }], [restored]);
    await waitFor(async () => (await instances.forCustomers([survivor])).length === 1);
    const split: CustomerSplitEvent = {
      splitId: uniqueName('split'),
      customerId: survivor,
      restoredCustomerId: restored,
      restoredLineage: [],
      assignments: [{ customerId: restored, messageIds: [startId!] }],
      splitAt: new Date(Date.now() + 1).toISOString(),
    };
    await h.publisher.publish(EVENTS.customerSplit, split, uniqueName('e'));
    await waitFor(async () => (await instances.forCustomers([restored])).length === 1);
    expect(await instances.forCustomers([survivor])).toEqual([]);
  });

  it('exports and erases the person’s attempts and the announcements still queued about them', async () => {
    const [id, other] = [uniqueName('c'), uniqueName('c')];
    for (const c of [id, other]) {
      h.consentTo(c, ['email']);
      await h.touch(c, [{ event: 'checkout_started', at: ago(30) }]);
    }
    await waitFor(async () => (await dropoffsFor(generationQueue, id)).length === 1 && (await dropoffsFor(generationQueue, other)).length === 1);
    const queues = { connection: h.redis, prefix: h.prefix };
    const handlers = createInsightsPrivacyHandlers({
      touches: new TouchFactRepository(mongo),
      identities: new CustomerIdentityView(mongo),
      queues,
      parts: [dropoffSubjectData(instances, queues)],
    });
    const person = { requestId: 'r', customerIds: [id] };
    const exported = (await handlers.export(person)) as { journeyInstances: { journey: string; status: string }[] };
    expect(exported.journeyInstances).toMatchObject([{ journey: JOURNEY, status: 'notified' }]);
    // One announcement per subscriber queue (generation, partners), for this person only.
    expect(await handlers.erase(person)).toMatchObject({ journeyInstances: 1, queuedDropoffs: EVENT_SUBSCRIBERS[EVENTS.journeyDropoff].length });
    expect(await handlers.verify(person)).toMatchObject({ journeyInstances: 0, queuedDropoffs: 0 });
    expect(await dropoffsFor(generationQueue, other)).toHaveLength(1);
    expect(await instances.countForCustomers([other])).toBe(1);
  });
});

describe('one update, one write per attempt', () => {
  it('never announces a step the same update had already moved past, with sweeps running throughout', async () => {
    // Sweeps of other replicas, looping as fast as they can beside the service's own.
    const sweeps = [1, 2].map(
      () =>
        new DropoffSweep({
          instances,
          timings: new CompletionTimingRepository(mongo),
          identities: new CustomerIdentityView(mongo),
          consent: { isAllowed: async () => true },
          publisher: h.publisher,
          settings: SETTINGS,
          consentPurpose: 'marketing',
        }),
    );
    let sweeping = true;
    const loops = sweeps.map(async (sweep) => {
      while (sweeping) {
        await sweep.run();
        await new Promise((r) => setTimeout(r, 5));
      }
    });
    const ids = Array.from({ length: 30 }, () => uniqueName('c'));
    try {
      await Promise.all(
        ids.map(async (id) => {
          h.consentTo(id, ['email']);
          await h.touch(id, [
            { event: 'checkout_started', at: ago(30) },
            { event: 'shipping_info_added', at: ago(29) },
            { event: 'payment_info_added', at: ago(28) },
          ]);
        }),
      );
      await waitFor(
        async () => (await Promise.all(ids.map(async (id) => (await instances.forCustomers([id]))[0]?.status === 'notified'))).every(Boolean),
        30_000,
      );
    } finally {
      sweeping = false;
      await Promise.all(loops);
    }
    const announced = (await Promise.all(ids.map((id) => dropoffsFor(generationQueue, id)))).flat();
    // One announcement per attempt (job ids dedupe replicas), each at the last step the customer reached.
    expect(announced).toHaveLength(ids.length);
    expect(announced.filter((e) => e.stepIndex !== 2 || e.stepReached !== 'payment_info_added')).toEqual([]);
  });

  it('writes an update delivered twice once, and counts its start once', async () => {
    const identities = new CustomerIdentityView(mongo);
    const timings = new CompletionTimingRepository(mongo);
    const journey = { ...CHECKOUT, name: uniqueName('j').toLowerCase().slice(0, 60) };
    const tracker = new JourneyTracker({ instances, timings, identities, journeys: [journey], settings: SETTINGS });
    const id = uniqueName('c');
    const update = {
      customerId: id,
      version: 1,
      mergedCustomerIds: [],
      updatedAt: new Date().toISOString(),
      touchpoints: [
        { messageId: uniqueName('m'), channel: 'web' as const, occurredAt: new Date().toISOString(), eventKey: 'checkout_started' },
        { messageId: uniqueName('m'), channel: 'web' as const, occurredAt: new Date().toISOString(), eventKey: 'shipping_info_added' },
      ],
    };
    await Promise.all([tracker.onCustomerUpdated(update), tracker.onCustomerUpdated(update)]);
    await tracker.onCustomerUpdated(update);
    const attempts = await instances.forCustomers([id]);
    expect(attempts).toMatchObject([{ status: 'open', stepIndex: 1, revision: 0 }]);
    expect(attempts[0]!.messageIds.sort()).toEqual(update.touchpoints.map((t) => t.messageId).sort());
    expect((await timings.get(journey.name)).started).toBe(1);
  });

  it('lets a sweep claim an attempt only in the state it read', async () => {
    const identities = new CustomerIdentityView(mongo);
    const journey = { ...CHECKOUT, name: uniqueName('j').toLowerCase().slice(0, 60) };
    const tracker = new JourneyTracker({ instances, timings: new CompletionTimingRepository(mongo), identities, journeys: [journey], settings: SETTINGS });
    const id = uniqueName('c');
    const touch = (eventKey: string, minutes: number) => ({
      messageId: uniqueName('m'),
      channel: 'web' as const,
      occurredAt: ago(minutes).toISOString(),
      eventKey,
    });
    const update = (version: number, touchpoints: ReturnType<typeof touch>[]) => ({
      customerId: id,
      version,
      mergedCustomerIds: [],
      updatedAt: new Date().toISOString(),
      touchpoints,
    });
    // Recent, so the service's own sweep leaves it alone: nothing is due yet.
    await tracker.onCustomerUpdated(update(1, [touch('checkout_started', 2)]));
    const [read] = await instances.forCustomers([id]);
    // The customer moves on between the sweep's read and its claim.
    await tracker.onCustomerUpdated(update(2, [touch('payment_info_added', 1)]));
    expect(await instances.claim(read!, new Date(Date.now() + MIN))).toBeNull();
    const [now] = await instances.forCustomers([id]);
    expect(now).toMatchObject({ status: 'open', stepIndex: 2, revision: 1 });
    expect(await instances.claim(now!, new Date(Date.now() + MIN))).toMatchObject({ stepIndex: 2, revision: 2 });
  });
});
