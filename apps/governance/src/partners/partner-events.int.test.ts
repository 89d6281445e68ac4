import {
  EVENTS,
  eventQueueName,
  partnerEventSchema,
  partnerUpdatesChannel,
  type JourneyDropoffEvent,
  type PartnerEvent,
  type PredictionBandChangedEvent,
  type SentimentTurnedEvent,
} from '@c360/contracts';
import {
  connectMongo,
  createLogger,
  createQueue,
  createRedisConnection,
  CustomerIdentityView,
  EventPublisher,
  type RedisClient,
  type RunningService,
} from '@c360/service-kit';
import { dropDatabase, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { loadConfig } from '../config';
import { CustomerRequestRepository } from '../customer-requests/customer-request.repository';
import { createGovernancePrivacyHandlers } from '../privacy/governance-privacy.handlers';
import { startGovernance } from '../service';
import { AccessExportRepository } from '../store/access-export.repository';
import { ConsentRepository } from '../store/consent.repository';
import { PartnerDeliveryPrivacyRepository } from '../store/partner-delivery-privacy.repository';
import { RequestRepository } from '../store/request.repository';
import { RestrictionRepository } from '../store/restriction.repository';
import { TEST_AUDIT_ANCHOR_KEY, TEST_SUPPRESSION_SECRET, TEST_WEBHOOK_KEY } from '../testing/governance.harness';
import { COMPLIANCE, deliveryLog, endpoint, grantConsent, publishCustomerUpdate, registerPartner, verifies } from '../testing/webhook-test-kit';
import { subgraphRequest } from '@c360/testing';

const stack = testStack();
const db = uniqueName('c360_test_partner_events');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;
let mongo: Connection;

beforeAll(async () => {
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    SUPPRESSION_SECRET: TEST_SUPPRESSION_SECRET,
    WEBHOOK_SECRET_ENCRYPTION_KEY: TEST_WEBHOOK_KEY,
    AUDIT_ANCHOR_KEY: TEST_AUDIT_ANCHOR_KEY,
    AUDIT_ANCHOR_DB: `${db}_anchors`,
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    CONSENT_DEFAULT_GRANTED: 'analytics',
    RETENTION_CRON: 'off',
    LOG_LEVEL: 'silent',
    WEBHOOK_RETRY_BASE_MS: '40',
    WEBHOOK_RETRY_MAX_MS: '160',
    WEBHOOK_MAX_ATTEMPTS: '4',
  });
  service = await startGovernance(config, createLogger('partner-events-test', 'silent'));
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
  mongo = await connectMongo(stack.MONGODB_URI, db);
});

afterAll(async () => {
  await publisher.close();
  await service.close();
  await mongo.close();
  await redis.quit();
  await dropDatabase(stack.MONGODB_URI, db);
  await dropDatabase(stack.MONGODB_URI, `${db}_anchors`);
});

async function register(input: Record<string, unknown>): Promise<{ id: string; secret: string }> {
  const id = uniqueName('p').replace(/-/g, '_');
  const res = await registerPartner(service.url, { id, ...input });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return { id, secret: res.data!.registerPartner.secret };
}

function dropoff(customerId: string): JourneyDropoffEvent {
  return {
    dropoffId: uniqueName('d'),
    customerId,
    journey: 'checkout',
    stepReached: 'payment_info_added',
    stepIndex: 2,
    score: 0.91,
    startedAt: '2026-10-01T09:00:00.000Z',
    detectedAt: '2026-10-01T10:00:00.000Z',
    channels: ['email'],
  };
}

const publishDropoff = (event: JourneyDropoffEvent) => publisher.publish(EVENTS.journeyDropoff, event, `dropoff-${event.dropoffId}`);
const bodies = (hook: { received: { body: string; answered: number | null }[] }) =>
  hook.received.filter((r) => r.answered === 204).map((r) => partnerEventSchema.parse(JSON.parse(r.body)));

const eventIdOf = (e: PartnerEvent) => ('eventId' in e ? e.eventId : null);

describe('partners registered for insights events', () => {
  it('sends a drop-off once per drop-off, signed, by webhook and live channel, with only the fields the partner has', async () => {
    const hook = await endpoint(() => 204);
    const partner = await register({ webhookUrl: hook.url, events: ['JOURNEY_DROPOFF'], fields: ['JOURNEY_STEP'] });
    const live: PartnerEvent[] = [];
    const listener = redis.duplicate();
    listener.on('message', (_c: string, message: string) => live.push(partnerEventSchema.parse(JSON.parse(message))));
    await listener.subscribe(partnerUpdatesChannel(prefix, partner.id));
    const customer = uniqueName('c');
    await grantConsent(service.url, customer);
    const [first, second] = [dropoff(customer), dropoff(customer)];
    try {
      await publishDropoff(first);
      // The same drop-off delivered again (a retried publish under another job id) makes no second delivery.
      await publisher.publish(EVENTS.journeyDropoff, first, uniqueName('again'));
      await publishDropoff(second);
      // A profile update: this partner did not ask for those.
      await publishCustomerUpdate(publisher, customer, 1);
      await waitFor(async () => bodies(hook).length === 2, 15_000, 'both drop-offs');
      await new Promise((r) => setTimeout(r, 800));
      const got = bodies(hook);
      expect(got).toHaveLength(2);
      expect(got.map((e) => e.type)).toEqual([EVENTS.journeyDropoff, EVENTS.journeyDropoff]);
      expect(got[0]).toEqual({
        type: EVENTS.journeyDropoff,
        schemaVersion: 1,
        eventId: expect.any(String),
        customerId: customer,
        journey: 'checkout',
        detectedAt: first.detectedAt,
        stepReached: 'payment_info_added',
        stepIndex: 2,
        startedAt: first.startedAt,
      });
      // No SCORES field: the risk score and the consented channels stay in c360.
      expect(hook.received.some((r) => r.body.includes('0.91') || r.body.includes('email'))).toBe(false);
      expect(hook.received.every((r) => verifies(partner.secret, r))).toBe(true);
      expect(new Set(got.map(eventIdOf)).size).toBe(2);
      // The live channel is at least once, like the webhook's retries: the same eventId for the same drop-off.
      expect([...new Set(live.map(eventIdOf))].sort()).toEqual(got.map(eventIdOf).sort());
      expect(live.some((e) => e.type === EVENTS.customerUpdated)).toBe(false);
      const log = await deliveryLog(service.url, partner.id);
      expect(log.every((d) => d.status === 'DELIVERED')).toBe(true);
      expect(log).toHaveLength(2);
    } finally {
      await Promise.all([hook.close(), listener.quit()]);
    }
  });

  it('sends nothing without consent for the partner’s purposes, or while processing is restricted', async () => {
    const hook = await endpoint(() => 204);
    await register({ webhookUrl: hook.url, events: ['JOURNEY_DROPOFF', 'PREDICTION_BAND_CHANGED'], fields: [] });
    const witness = await endpoint(() => 204);
    await register({ webhookUrl: witness.url, events: ['JOURNEY_DROPOFF'], fields: [] });
    const [silent, restricted, consenting] = [uniqueName('c'), uniqueName('c'), uniqueName('c')];
    await grantConsent(service.url, restricted);
    await grantConsent(service.url, consenting);
    await new RestrictionRepository(mongo).restrict([restricted], uniqueName('r'), new Date());
    try {
      await publishDropoff(dropoff(silent));
      await publishDropoff(dropoff(restricted));
      // Published last: once the witness has it, the two before have been through the fan-out.
      await publishDropoff(dropoff(consenting));
      await waitFor(async () => bodies(witness).length === 1, 15_000, 'the consenting customer’s drop-off');
      await waitFor(async () => bodies(hook).length === 1, 15_000, 'the same at the other partner');
      expect(bodies(hook).map((e) => e.customerId)).toEqual([consenting]);
      expect(bodies(witness).map((e) => e.customerId)).toEqual([consenting]);
    } finally {
      await Promise.all([hook.close(), witness.close()]);
    }
  });

  it('sends band changes and sentiment turns to the partners registered for them, scores only with SCORES', async () => {
    const hook = await endpoint(() => 204);
    const partner = await register({ webhookUrl: hook.url, events: ['PREDICTION_BAND_CHANGED', 'SENTIMENT_TURNED'], fields: ['SCORES'] });
    const customer = uniqueName('c');
    await grantConsent(service.url, customer);
    const band: PredictionBandChangedEvent = {
      customerId: customer,
      kind: 'churn',
      band: 'high',
      previousBand: 'medium',
      modelId: 'm1',
      modelVersion: 2,
      scoredAt: '2026-10-01T10:00:00.000Z',
    };
    const turn: SentimentTurnedEvent = {
      customerId: customer,
      messageId: uniqueName('m'),
      trendBefore: 0.2,
      trendAfter: -0.6,
      score: -0.9,
      modelVersion: 'lexicon',
      occurredAt: '2026-10-01T09:00:00.000Z',
      detectedAt: '2026-10-01T09:01:00.000Z',
    };
    try {
      await publisher.publish(EVENTS.predictionBandChanged, band, uniqueName('b'));
      await publisher.publish(EVENTS.customerSentimentTurned, turn, uniqueName('s'));
      await waitFor(async () => bodies(hook).length === 2, 15_000, 'both events');
      const byType = Object.fromEntries(bodies(hook).map((e) => [e.type, e]));
      expect(byType[EVENTS.predictionBandChanged]).toMatchObject({ kind: 'churn', band: 'high', previousBand: 'medium', customerId: customer });
      expect(byType[EVENTS.customerSentimentTurned]).toMatchObject({ trendBefore: 0.2, trendAfter: -0.6, customerId: customer });
      // Never which touchpoint turned it, nor the model.
      expect(hook.received.some((r) => r.body.includes(turn.messageId) || r.body.includes('modelId'))).toBe(false);
      const log = await subgraphRequest<{ webhookDeliveries: { event: string; version: number }[] }>(
        service.url,
        `query ($id: ID!) { webhookDeliveries(partnerId: $id) { event version } }`,
        { id: partner.id },
        COMPLIANCE,
      );
      expect(log.data?.webhookDeliveries.map((d) => d.event).sort()).toEqual(['PREDICTION_BAND_CHANGED', 'SENTIMENT_TURNED']);
    } finally {
      await hook.close();
    }
  });

  it('keeps a partner registered without events on profile updates only, as before', async () => {
    const hook = await endpoint(() => 204);
    const partner = await register({ webhookUrl: hook.url });
    const listed = await subgraphRequest<{ partners: { id: string; events: string[] }[] }>(service.url, `{ partners { id events } }`, {}, COMPLIANCE);
    expect(listed.errors).toBeUndefined();
    expect(listed.data?.partners.find((p) => p.id === partner.id)?.events).toEqual(['CUSTOMER_UPDATED']);
    const customer = uniqueName('c');
    await grantConsent(service.url, customer);
    try {
      await publishDropoff(dropoff(customer));
      await publishCustomerUpdate(publisher, customer, 1);
      await waitFor(async () => hook.delivered().length === 1, 15_000, 'the profile update');
      await new Promise((r) => setTimeout(r, 800));
      expect(hook.received.map((r) => JSON.parse(r.body) as unknown)).toEqual([
        { type: 'customer.updated', customerId: customer, version: 1, updatedAt: expect.any(String), lastTouchpoint: expect.any(Object) },
      ]);
    } finally {
      await hook.close();
    }
  });

  it('rejects a registration with an empty list of events', async () => {
    const res = await registerPartner(service.url, { id: uniqueName('e').replace(/-/g, '_'), events: [] });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('erases, counts and exports the drop-off deliveries and the drop-offs still waiting for the fan-out', async () => {
    const hook = await endpoint(() => 204);
    await register({ webhookUrl: hook.url, events: ['JOURNEY_DROPOFF'], fields: [] });
    const [person, other] = [uniqueName('c'), uniqueName('c')];
    for (const c of [person, other]) {
      await grantConsent(service.url, c);
      await publishDropoff(dropoff(c));
    }
    await waitFor(async () => hook.delivered().length === 2, 15_000, 'both drop-offs');
    await hook.close();
    // A drop-off about the person still waiting for the partner fan-out.
    const waiting = createQueue({ connection: redis, prefix }, eventQueueName(EVENTS.journeyDropoff, 'partners'));
    await waiting.add(EVENTS.journeyDropoff, dropoff(person), { jobId: uniqueName('j'), delay: 3_600_000 });
    await waiting.close();
    const handlers = createGovernancePrivacyHandlers({
      consents: new ConsentRepository(mongo),
      restrictions: new RestrictionRepository(mongo),
      identities: new CustomerIdentityView(mongo),
      requests: new RequestRepository(mongo),
      exports: new AccessExportRepository(mongo),
      deliveries: new PartnerDeliveryPrivacyRepository(mongo),
      customerRequests: new CustomerRequestRepository(mongo),
      queues: { connection: redis, prefix },
    });
    const job = { requestId: uniqueName('r'), customerIds: [person] };
    const exported = (await handlers.export(job)) as { partnerDeliveries: { partnerId: string; update: { type: string } }[] };
    // Every partner registered for drop-offs in this file got the person's: one delivery each.
    const sent = exported.partnerDeliveries.length;
    expect(sent).toBeGreaterThanOrEqual(1);
    expect(new Set(exported.partnerDeliveries.map((d) => d.partnerId)).size).toBe(sent);
    expect(exported.partnerDeliveries.every((d) => d.update.type === EVENTS.journeyDropoff)).toBe(true);
    expect(await handlers.erase(job)).toMatchObject({ partnerDeliveries: sent, queuedJobs: 1 });
    expect(await handlers.verify(job)).toMatchObject({ partnerDeliveries: 0, queuedJobs: 0 });
    expect(await new PartnerDeliveryPrivacyRepository(mongo).countForCustomers([other])).toBe(sent);
  });

  it('sends a drop-off insights queued before payloads had a version, and keeps one of a future major among the failed jobs, sent to no one', async () => {
    const hook = await endpoint(() => 204);
    const partner = await register({ webhookUrl: hook.url, events: ['JOURNEY_DROPOFF'], fields: ['JOURNEY_STEP'] });
    const customer = uniqueName('c');
    await grantConsent(service.url, customer);
    const [old, future] = [dropoff(customer), dropoff(customer)];
    const queue = createQueue({ connection: redis, prefix }, eventQueueName(EVENTS.journeyDropoff, 'partners'));
    try {
      const refused = await queue.add(EVENTS.journeyDropoff, { ...future, schemaVersion: '2.0' }, { jobId: uniqueName('j') });
      await queue.add(EVENTS.journeyDropoff, old, { jobId: uniqueName('j') });
      await waitFor(async () => bodies(hook).length === 1 && (await refused.getState()) === 'failed', 15_000, 'the old drop-off sent, the future one refused');
      expect(bodies(hook)[0]).toMatchObject({ type: EVENTS.journeyDropoff, schemaVersion: 1, customerId: customer, startedAt: old.startedAt });
      const failed = await queue.getJob(refused.id as string);
      expect(failed?.failedReason).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: journey\.dropoff payload is version 2\.0/);
      expect(failed?.attemptsMade).toBe(1);
      // Only the old one was ever a delivery: the refused one was not half-read into one.
      expect(await deliveryLog(service.url, partner.id)).toHaveLength(1);
    } finally {
      await Promise.all([hook.close(), queue.close()]);
    }
  });
});
