import {
  EVENTS,
  sentimentTurnJobId,
  type CustomerSplitEvent,
  type CustomerUpdatedEvent,
  type JourneyDropoffEvent,
  type PredictionBandChangedEvent,
  type SentimentTurnedEvent,
} from '@c360/contracts';
import { connectMongo, CustomerIdentityView, EventPublisher, TouchFactRepository } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { createGenerationPrivacyHandlers } from '../privacy/generation-privacy.handlers';
import { DraftRepository } from '../store/draft.repository';
import { DRAFT_CONTENT, MARKETER, newPerson, startContentHarness, type ContentHarness } from '../testing/content-harness';
import { contentSubjectData } from './content-privacy';
import { ContentDraftRepository } from './store/content-draft.repository';

let h: ContentHarness;
let mongo: Connection;
let drafts: ContentDraftRepository;

beforeAll(async () => {
  // The offline writer (no key): recovery drafts need no model to be tested.
  h = await startContentHarness({ anthropic: false, env: { CONTENT_RECOVERY_CHANNELS: 'email,push,sms', CONTENT_RECOVERY_MAX_PER_WINDOW: '1' } });
  mongo = await connectMongo(testStack().MONGODB_URI, h.db);
  drafts = new ContentDraftRepository(mongo);
});
afterAll(async () => {
  await mongo.close();
  await h.close();
});

function customer(): string {
  const id = uniqueName('c');
  h.people.set(id, newPerson());
  return id;
}

const dropoff = (customerId: string, score = 0.8): JourneyDropoffEvent => ({
  eventId: uniqueName('e'),
  customerId,
  journey: 'checkout',
  stepReached: 'payment_details',
  score,
  detectedAt: new Date().toISOString(),
});

const publishDropoff = (event: JourneyDropoffEvent) => h.publisher.publish(EVENTS.journeyDropoff, event, uniqueName('j'));

/** With one worker slot, jobs on a queue run in order: once the marker's draft exists, the earlier events were handled. */
async function drainDropoffs(): Promise<void> {
  const marker = dropoff(customer());
  await publishDropoff(marker);
  await waitFor(() => drafts.get(`journey.dropoff:${marker.eventId}`), 20_000, 'marker draft');
}

describe('recovery drafts from insights events', () => {
  it('drafts a recovery email for a drop-off, grounded on the journey and step, once per event', async () => {
    const id = customer();
    const event = dropoff(id);
    await publishDropoff(event);
    const d = await waitFor(() => drafts.get(`journey.dropoff:${event.eventId}`), 20_000, 'recovery draft');
    expect(d).toMatchObject({
      customerId: id,
      channel: 'email',
      purpose: 'recovery',
      status: 'pending_review',
      provider: 'offline-template',
      trigger: { kind: 'journey.dropoff', eventId: event.eventId },
    });
    expect(d.variants).toHaveLength(2);
    expect(d.variants[0]?.body).toMatch(/checkout/);
    expect(d.variants[0]?.body).toMatch(/^(Hi|Hello) Ada,|^Ada,/);
    expect(d.grounding.facts).toEqual(expect.arrayContaining([{ source: 'event', key: 'dropoff_step', value: 'payment_details' }]));
    // The same event delivered again writes nothing more.
    await publishDropoff(event);
    await drainDropoffs();
    expect(await drafts.list({ customerIds: [id] }, 10)).toHaveLength(1);
  });

  it('moves to the next consented channel under its cap, then stops', async () => {
    const id = customer();
    for (let i = 0; i < 4; i++) await publishDropoff(dropoff(id));
    await drainDropoffs();
    const channels = (await drafts.list({ customerIds: [id] }, 10)).map((d) => d.channel).sort();
    expect(channels).toEqual(['email', 'push', 'sms']);
  });

  it('leaves alone a drop-off below the threshold and a customer without marketing consent', async () => {
    const [low, refused] = [customer(), customer()];
    h.governance.set({
      customerId: refused,
      restricted: false,
      consents: [
        { purpose: 'personalisation', channel: 'app', status: 'withdrawn' },
        { purpose: 'personalisation', channel: null, status: 'granted' },
        { purpose: 'email_marketing', channel: null, status: 'withdrawn' },
        { purpose: 'sms_marketing', channel: null, status: 'denied' },
      ],
    });
    await publishDropoff(dropoff(low, 0.2));
    await publishDropoff(dropoff(refused));
    await drainDropoffs();
    expect(await drafts.list({ customerIds: [low, refused] }, 10)).toEqual([]);
  });

  it('drafts a retention message when a churn score enters the high band', async () => {
    const id = customer();
    const event: PredictionBandChangedEvent = {
      eventId: uniqueName('e'),
      customerId: id,
      model: 'churn',
      fromBand: 'medium',
      toBand: 'high',
      score: 0.83,
      changedAt: new Date().toISOString(),
    };
    await h.publisher.publish(EVENTS.predictionBandChanged, event, uniqueName('j'));
    const d = await waitFor(() => drafts.get(`prediction.band_changed:${event.eventId}`), 20_000, 'retention draft');
    expect(d).toMatchObject({ purpose: 'retention', channel: 'email', trigger: { kind: 'prediction.band_changed' } });
  });

  it('drafts a service check-in after a sharp negative turn in the customer’s words, once per turning message', async () => {
    const id = customer();
    const now = new Date().toISOString();
    const event: SentimentTurnedEvent = {
      customerId: id,
      messageId: uniqueName('m'),
      trendBefore: 0.4,
      trendAfter: -0.2,
      score: -0.8,
      modelVersion: 'lexicon',
      occurredAt: now,
      detectedAt: now,
    };
    await h.publisher.publish(EVENTS.customerSentimentTurned, event, sentimentTurnJobId(event.messageId));
    const d = await waitFor(() => drafts.get(`customer.sentiment-turned:${event.messageId}`), 20_000, 'service draft');
    expect(d).toMatchObject({ purpose: 'service', channel: 'email', trigger: { kind: 'customer.sentiment-turned', eventId: event.messageId } });
    expect(d?.grounding.facts).toEqual(expect.arrayContaining([expect.objectContaining({ key: 'sentiment_turn', value: 'from 0.40 to -0.20' })]));
  });
});

describe('drafts are personal data', () => {
  const draftFor = async (customerId: string) => {
    const res = await h.call<{ draftContent: { id: string } }>(
      DRAFT_CONTENT,
      { input: { customerId, channel: 'PUSH', purpose: 'RETENTION', brief: 'Say thanks', variants: 1 } },
      MARKETER,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.draftContent.id;
  };

  it('is exported, erased and verified with the person, and expired by retention', async () => {
    const [subject, other] = [customer(), customer()];
    const [mine, theirs] = [await draftFor(subject), await draftFor(other)];
    const identities = new CustomerIdentityView(mongo);
    const handlers = createGenerationPrivacyHandlers({
      drafts: new DraftRepository(mongo),
      touches: new TouchFactRepository(mongo),
      identities,
      queues: { connection: h.redis, prefix: h.prefix },
      content: contentSubjectData({ drafts, queues: { connection: h.redis, prefix: h.prefix } }),
    });
    const person = { requestId: uniqueName('r'), customerIds: [subject] };
    const exported = (await handlers.export(person)) as { contentDrafts: { id: string; variants: { body: string }[] }[] };
    expect(exported.contentDrafts.map((d) => d.id)).toEqual([mine]);
    expect(await handlers.erase(person)).toMatchObject({ contentDrafts: 1, queuedTriggers: 0 });
    expect(await handlers.verify(person)).toMatchObject({ contentDrafts: 0, queuedTriggers: 0 });
    expect(await drafts.get(theirs)).not.toBeNull();
    const expired = await handlers.retention({ runId: 'r', dataClass: 'generated_drafts', olderThan: new Date(Date.now() + 60_000).toISOString() });
    expect(expired).toBeGreaterThanOrEqual(1);
    expect(await drafts.get(theirs)).toBeNull();
  });

  it('removes queued trigger events naming the person on erasure', async () => {
    const subject = customer();
    // A prefix no worker reads, so the job stays queued while it is counted and removed.
    const queues = { connection: h.redis, prefix: uniqueName('t') };
    const publisher = new EventPublisher(queues);
    await publisher.publish(EVENTS.journeyDropoff, dropoff(subject), uniqueName('j'));
    await publisher.publish(EVENTS.journeyDropoff, dropoff(customer()), uniqueName('j'));
    await publisher.close();
    const handlers = contentSubjectData({ drafts, queues });
    expect(await handlers.count([subject])).toEqual({ contentDrafts: 0, queuedTriggers: 1 });
    expect(await handlers.erase([subject])).toEqual({ contentDrafts: 0, queuedTriggers: 1 });
    expect(await handlers.count([subject])).toEqual({ contentDrafts: 0, queuedTriggers: 0 });
  });

  it('deletes drafts grounded on a customer that a split restores, and keeps that customer’s own', async () => {
    const [survivor, absorbed] = [customer(), customer()];
    const ownDraft = await draftFor(absorbed);
    const merged: CustomerUpdatedEvent = { customerId: survivor, version: 2, mergedCustomerIds: [absorbed], updatedAt: new Date().toISOString() };
    await h.publisher.publish(EVENTS.customerUpdated, merged, uniqueName('j'));
    const identities = new CustomerIdentityView(mongo);
    await waitFor(async () => (await identities.expand(survivor)).includes(absorbed), 20_000, 'merge recorded');
    const mixed = await draftFor(survivor);
    expect((await drafts.get(mixed))?.groundedOnIds.sort()).toEqual([survivor, absorbed].sort());
    const split: CustomerSplitEvent = {
      splitId: uniqueName('s'),
      customerId: survivor,
      restoredCustomerId: absorbed,
      restoredLineage: [],
      assignments: [],
      splitAt: new Date().toISOString(),
    };
    await h.publisher.publish(EVENTS.customerSplit, split, uniqueName('j'));
    await waitFor(async () => (await drafts.get(mixed)) === null, 20_000, 'mixed draft deleted');
    expect(await drafts.get(ownDraft)).not.toBeNull();
  });
});
