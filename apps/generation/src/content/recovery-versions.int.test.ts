import { EVENTS, eventQueueName, type JourneyDropoffEvent, type PredictionBandChangedEvent } from '@c360/contracts';
import { connectMongo, createQueue } from '@c360/service-kit';
import { testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { newPerson, startContentHarness, type ContentHarness } from '../testing/content-harness';
import { ContentDraftRepository } from './store/content-draft.repository';

/*
 * insights' events as generation reads them across releases, on generation as main.ts starts it:
 * what insights queued before payloads carried a version and a later minor are drafted for; a future
 * major is refused for good, no draft made, and waits among the failed jobs for an upgraded consumer.
 * (This release's payloads read by the release before: libs/service-kit payload-versions.int.test.ts.)
 */
let h: ContentHarness;
let mongo: Connection;
let drafts: ContentDraftRepository;

beforeAll(async () => {
  h = await startContentHarness({ anthropic: false, env: { CONTENT_RECOVERY_CHANNELS: 'email,push,sms' } });
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

const dropoff = (customerId: string): JourneyDropoffEvent => ({
  dropoffId: uniqueName('d'),
  customerId,
  journey: 'checkout',
  stepReached: 'payment_details',
  stepIndex: 2,
  score: 0.8,
  startedAt: new Date(Date.now() - 3_600_000).toISOString(),
  detectedAt: new Date().toISOString(),
  channels: ['email'],
});

const queueOf = (event: typeof EVENTS.journeyDropoff | typeof EVENTS.predictionBandChanged) =>
  createQueue({ connection: h.redis, prefix: h.prefix }, eventQueueName(event, 'generation'));

describe('insights events across releases', () => {
  it('drafts for a drop-off the previous release queued (no version) and for a later minor with fields it does not know', async () => {
    const [old, later] = [dropoff(customer()), dropoff(customer())];
    const queue = queueOf(EVENTS.journeyDropoff);
    await queue.add(EVENTS.journeyDropoff, old, { jobId: uniqueName('j') });
    await queue.add(EVENTS.journeyDropoff, { ...later, schemaVersion: '1.4', cartValue: 120 }, { jobId: uniqueName('j') });
    for (const event of [old, later]) {
      const d = await waitFor(() => drafts.get(`journey.dropoff:${event.dropoffId}`), 20_000, 'recovery draft');
      expect(d).toMatchObject({ customerId: event.customerId, trigger: { kind: 'journey.dropoff', eventId: event.dropoffId } });
    }
  });

  it('refuses a future major for good, with the typed reason, and drafts nothing', async () => {
    const future = dropoff(customer());
    const queue = queueOf(EVENTS.journeyDropoff);
    const job = await queue.add(EVENTS.journeyDropoff, { ...future, schemaVersion: '2.0' }, { jobId: uniqueName('j') });
    const band: PredictionBandChangedEvent = {
      customerId: customer(),
      kind: 'churn',
      band: 'high',
      previousBand: 'low',
      modelId: 'm1',
      modelVersion: 1,
      scoredAt: new Date().toISOString(),
    };
    const bandJob = await queueOf(EVENTS.predictionBandChanged).add(
      EVENTS.predictionBandChanged,
      { ...band, schemaVersion: '3.1' },
      { jobId: uniqueName('j') },
    );
    await waitFor(async () => (await job.getState()) === 'failed' && (await bandJob.getState()) === 'failed', 20_000, 'the future majors to be dead-lettered');
    const failed = await queue.getJob(job.id as string);
    expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: journey\.dropoff payload is version 2\.0/);
    expect(failed?.attemptsMade).toBe(1);
    expect((await queueOf(EVENTS.predictionBandChanged).getJob(bandJob.id as string))?.failedReason).toMatch(
      /^UNSUPPORTED_PAYLOAD_VERSION: customer\.prediction\.band_changed payload is version 3\.1/,
    );
    expect(await drafts.get(`journey.dropoff:${future.dropoffId}`)).toBeNull();
    expect(await drafts.list({ customerIds: [future.customerId, band.customerId] }, 10)).toEqual([]);
  });
});
