import type { CustomerUpdatedEvent } from '@c360/contracts';
import { connectMongo, CustomerIdentityView } from '@c360/service-kit';
import { dropDatabase, testStack, uniqueName } from '@c360/testing';
import type { Connection } from 'mongoose';
import { successionKey } from '../domain/dropoff/attempt-succession';
import { CompletionTimingRepository } from './completion-timing.repository';
import { JourneyInstanceRepository } from './journey-instance.repository';
import { JourneyTracker } from './journey-tracker';

/** Each of a person's attempts takes the place after the one before it: how that chain meets splits and attempts stored before it. */
const stack = testStack();
const db = uniqueName('c360_test_insights_succession');
const MIN = 60_000;
const SETTINGS = { usualQuantile: 0.9, minCompletions: 20, defaultUsualMs: 60 * MIN, threshold: 0.8 };
let mongo: Connection;
let instances: JourneyInstanceRepository;
let tracker: JourneyTracker;
const journey = { name: uniqueName('j').toLowerCase(), start: ['checkout_started'], steps: ['shipping_info_added'], complete: ['order_completed'] };

beforeAll(async () => {
  mongo = await connectMongo(stack.MONGODB_URI, db);
  instances = new JourneyInstanceRepository(mongo);
  const timings = new CompletionTimingRepository(mongo);
  const identities = new CustomerIdentityView(mongo);
  await Promise.all([instances.ensureIndexes(), timings.ensureIndexes(), identities.ensureIndexes()]);
  tracker = new JourneyTracker({ instances, timings, identities, journeys: [journey], settings: SETTINGS });
});
afterAll(async () => {
  await mongo.close();
  await dropDatabase(stack.MONGODB_URI, db);
});

const ago = (minutes: number) => new Date(Date.now() - minutes * MIN);
let version = 0;
function update(customerId: string, touches: [string, number][]): CustomerUpdatedEvent {
  return {
    customerId,
    version: ++version,
    mergedCustomerIds: [],
    updatedAt: new Date().toISOString(),
    touchpoints: touches.map(([eventKey, minutes]) => ({ messageId: uniqueName('m'), channel: 'web', occurredAt: ago(minutes).toISOString(), eventKey })),
  };
}

describe('a person’s chain of attempts', () => {
  it('passes over the next place when a split gave the attempt holding it to the restored customer', async () => {
    const [survivor, restored] = [uniqueName('c'), uniqueName('c')];
    await tracker.onCustomerUpdated(
      update(survivor, [
        ['checkout_started', 40],
        ['order_completed', 39],
      ]),
    );
    const moved = update(survivor, [
      ['checkout_started', 30],
      ['order_completed', 29],
    ]);
    await tracker.onCustomerUpdated(moved);
    const [first, second] = await instances.forCustomers([survivor]);
    expect(second!.succeeds).toBe(successionKey(journey.name, first!.id, survivor));
    // The split: the second attempt's touchpoints were the restored customer's.
    await instances.assignMessages(restored, [moved.touchpoints![0]!.messageId]);
    // The update that brought it, delivered again to the survivor, starts nothing there: its touchpoints were applied.
    await tracker.onCustomerUpdated(moved);
    expect(await instances.forCustomers([survivor])).toEqual([first]);

    // Two updates at once, both following the first attempt again, whose next place the restored customer holds.
    await Promise.all([
      tracker.onCustomerUpdated(update(survivor, [['checkout_started', 10]])),
      tracker.onCustomerUpdated(update(survivor, [['checkout_started', 9]])),
    ]);
    const mine = await instances.forCustomers([survivor]);
    expect(mine.map((a) => a.status)).toEqual(['completed', 'open']);
    expect(mine[1]!.succeeds).toBe(successionKey(journey.name, first!.id, survivor, new Set([second!.succeeds!])));
    expect(await instances.forCustomers([restored])).toMatchObject([{ id: second!.id, status: 'completed', revision: second!.revision }]);

    // The restored customer's own chain goes on from the attempt it got back.
    await tracker.onCustomerUpdated(update(restored, [['checkout_started', 5]]));
    const theirs = await instances.forCustomers([restored]);
    expect(theirs.map((a) => [a.id, a.status, a.succeeds])).toEqual([
      [second!.id, 'completed', second!.succeeds],
      [expect.any(String), 'open', successionKey(journey.name, second!.id, restored)],
    ]);
  });

  it('frees a person’s places with their attempts: after erasure or retention a start opens an attempt again', async () => {
    const [erased, expired] = [uniqueName('c'), uniqueName('c')];
    for (const id of [erased, expired]) await tracker.onCustomerUpdated(update(id, [['checkout_started', 40]]));
    const [before] = await instances.forCustomers([erased]);
    expect(before!.succeeds).toBe(successionKey(journey.name, null, erased));

    expect(await instances.eraseCustomers([erased])).toBe(1);
    await tracker.onCustomerUpdated(update(erased, [['checkout_started', 3]]));
    const [after] = await instances.forCustomers([erased]);
    expect(after).toMatchObject({ status: 'open', succeeds: before!.succeeds });
    expect(after!.id).not.toBe(before!.id);

    await instances.deleteOlderThan(ago(30));
    expect(await instances.forCustomers([expired])).toEqual([]);
    await tracker.onCustomerUpdated(update(expired, [['checkout_started', 2]]));
    expect(await instances.forCustomers([expired])).toMatchObject([{ status: 'open', succeeds: successionKey(journey.name, null, expired) }]);
  });

  it('carries on from an attempt stored under the id of its start event, as attempts were before', async () => {
    const id = uniqueName('c');
    const startMessageId = uniqueName('m');
    const legacy = {
      id: uniqueName('legacy'),
      customerId: id,
      journey: journey.name,
      startMessageId,
      messageIds: [startMessageId],
      startedAt: ago(50),
      stepReached: 'checkout_started',
      stepIndex: 0,
      status: 'open' as const,
      dueAt: ago(0),
      score: null,
      closedAt: null,
      revision: 0,
    };
    expect(await instances.save({ attempt: legacy, readRevision: null, completedAfterMs: null })).toBe(true);
    // Stored before revisions were kept.
    await mongo.collection<{ _id: string }>('journey_instances').updateOne({ _id: legacy.id }, { $unset: { revision: '' } });

    await Promise.all([
      tracker.onCustomerUpdated(
        update(id, [
          ['shipping_info_added', 45],
          ['order_completed', 44],
        ]),
      ),
      tracker.onCustomerUpdated(update(id, [['checkout_started', 20]])),
      tracker.onCustomerUpdated(update(id, [['checkout_started', 19]])),
    ]);
    const attempts = await instances.forCustomers([id]);
    // However the three interleave, the old attempt is completed and at most one attempt is open after it.
    expect(attempts[0]).toMatchObject({ id: legacy.id, status: 'completed', stepIndex: 1 });
    expect(attempts.filter((a) => a.status === 'open').length).toBeLessThanOrEqual(1);
    expect(attempts[0]!.succeeds).toBeUndefined();
    for (const [i, a] of attempts.slice(1).entries()) expect(a.succeeds).toBe(successionKey(journey.name, attempts[i]!.id, id));
  });

  it('lets exactly one of many simultaneous openings take a place, the others told they lost rather than failing', async () => {
    // On FerretDB, inserts racing on two unique keys (the id and the place) can deadlock in PostgreSQL;
    // the loser must fold again, like a writer beaten to the place, never fail the update.
    const rounds = 60;
    const results = await Promise.all(
      Array.from({ length: rounds }, async () => {
        const customerId = uniqueName('c');
        const place = successionKey(journey.name, uniqueName('a'), customerId);
        const attempt = (startMessageId: string) => ({
          id: `${customerId}:${startMessageId}`,
          customerId,
          journey: journey.name,
          startMessageId,
          messageIds: [startMessageId],
          startedAt: ago(5),
          stepReached: 'checkout_started',
          stepIndex: 0,
          status: 'open' as const,
          dueAt: ago(0),
          score: null,
          closedAt: null,
          revision: 0,
          succeeds: place,
        });
        // Three deliveries each of two starts, all opening an attempt after the same one.
        const openings = ['m1', 'm2', 'm1', 'm2', 'm1', 'm2'].map((m) => instances.save({ attempt: attempt(m), readRevision: null, completedAfterMs: null }));
        return { customerId, won: (await Promise.all(openings)).filter(Boolean).length };
      }),
    );
    expect(results.map((r) => r.won)).toEqual(Array(rounds).fill(1));
    for (const { customerId } of results) expect(await instances.forCustomers([customerId])).toHaveLength(1);
  });
});
