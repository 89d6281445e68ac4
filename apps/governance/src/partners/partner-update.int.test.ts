import { EVENTS, partnerEventSchema, type JourneyDropoffEvent, type PartnerEvent } from '@c360/contracts';
import { createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import type { Caller } from '@c360/auth';
import { SERVICE_CALLER, subgraphRequest, testStack, uniqueName, waitFor } from '@c360/testing';
import { startTestGovernance, type TestGovernance } from '../testing/governance.harness';
import { COMPLIANCE, endpoint, grantConsent, publishCustomerUpdate, registerPartner } from '../testing/webhook-test-kit';

/** updatePartner (issue 15): a partner's events and fields change after registration, from the next event on. */

let governance: TestGovernance;
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;

beforeAll(async () => {
  governance = await startTestGovernance({
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // The first attempt's retry comes after the change under test has been made.
    WEBHOOK_RETRY_BASE_MS: '1500',
    WEBHOOK_RETRY_MAX_MS: '1500',
  });
  service = governance.service;
  redis = createRedisConnection(testStack().REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix: governance.config.QUEUE_PREFIX });
});

afterAll(async () => {
  await publisher.close();
  await governance.stop();
  await redis.quit();
});

const UPDATE = `mutation ($input: UpdatePartnerInput!) { updatePartner(input: $input) { id events fields purposes webhookUrl } }`;

type UpdatedPartner = { id: string; events: string[]; fields: string[]; purposes: string[]; webhookUrl: string | null };
const updatePartner = (input: Record<string, unknown>, caller: Caller = COMPLIANCE) =>
  subgraphRequest<{ updatePartner: UpdatedPartner }>(service.url, UPDATE, { input }, caller);

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

const deliveredEvents = (hook: Awaited<ReturnType<typeof endpoint>>): PartnerEvent[] =>
  hook.received.filter((r) => r.answered === 204).map((r) => partnerEventSchema.parse(JSON.parse(r.body)));

describe('updatePartner', () => {
  it('sends the next events with the new events and fields, leaves a delivery already queued as it was made, and audits the change', async () => {
    // The first attempt fails, so the first update's delivery is still queued (for its retry) when the partner changes.
    const hook = await endpoint((n) => (n === 1 ? 500 : 204));
    const id = uniqueName('p').replace(/-/g, '_');
    const registered = await registerPartner(service.url, { id, webhookUrl: hook.url, fields: ['LAST_TOUCHPOINT'], events: ['CUSTOMER_UPDATED'] });
    expect(registered.errors).toBeUndefined();
    const customerId = uniqueName('c');
    await grantConsent(service.url, customerId);

    await publishCustomerUpdate(publisher, customerId, 1);
    await waitFor(async () => hook.received.length === 1, 15_000, 'the first attempt');

    const res = await updatePartner({ partnerId: id, events: ['CUSTOMER_UPDATED', 'JOURNEY_DROPOFF', 'JOURNEY_DROPOFF'], fields: ['JOURNEY_STEP'] });
    expect(res.errors).toBeUndefined();
    // The first update's retry has not gone yet: it is a delivery queued before the change.
    expect(hook.received).toHaveLength(1);
    expect(res.data?.updatePartner).toEqual({
      id,
      events: ['CUSTOMER_UPDATED', 'JOURNEY_DROPOFF'],
      fields: ['JOURNEY_STEP'],
      purposes: ['THIRD_PARTY_SHARING'],
      webhookUrl: hook.url,
    });

    await publishCustomerUpdate(publisher, customerId, 2);
    const left = dropoff(customerId);
    await publisher.publish(EVENTS.journeyDropoff, left, `dropoff-${left.dropoffId}`);
    await waitFor(async () => deliveredEvents(hook).length === 3, 30_000, 'the queued update, the next update and the drop-off');

    const sent = deliveredEvents(hook);
    const first = sent.find((e) => e.type === 'customer.updated' && e.version === 1);
    const second = sent.find((e) => e.type === 'customer.updated' && e.version === 2);
    const journey = sent.find((e) => e.type === 'journey.dropoff');
    // Made before the change: its last touchpoint goes out on its retry.
    expect(first).toHaveProperty('lastTouchpoint');
    // After it: no last touchpoint any more, and the drop-off with the step it may now have.
    expect(second).toBeDefined();
    expect(second).not.toHaveProperty('lastTouchpoint');
    expect(journey).toMatchObject({ customerId, stepReached: 'payment_info_added', stepIndex: 2 });
    expect(journey).not.toHaveProperty('score');

    const log = await subgraphRequest<{ auditLog: { actor: string; action: string; details: string }[] }>(
      service.url,
      `query ($subject: String) { auditLog(subject: $subject) { actor action details } }`,
      { subject: `partner:${id}` },
      COMPLIANCE,
    );
    expect(log.errors).toBeUndefined();
    expect(log.data?.auditLog.map((e) => e.action)).toEqual(['partner.registered', 'partner.updated']);
    const updated = log.data!.auditLog[1]!;
    expect(updated.actor).toBe(COMPLIANCE.subject);
    expect(JSON.parse(updated.details)).toEqual({
      events: { from: [EVENTS.customerUpdated], to: [EVENTS.customerUpdated, EVENTS.journeyDropoff] },
      fields: { from: ['last_touchpoint'], to: ['journey_step'] },
    });
    await hook.close();
  }, 60_000);

  it('changes only what it is given', async () => {
    const id = uniqueName('p').replace(/-/g, '_');
    expect((await registerPartner(service.url, { id, fields: ['SCORES', 'LAST_TOUCHPOINT'], events: ['SENTIMENT_TURNED'] })).errors).toBeUndefined();
    const res = await updatePartner({ partnerId: id, fields: [] });
    expect(res.data?.updatePartner).toMatchObject({ events: ['SENTIMENT_TURNED'], fields: [] });
    const again = await updatePartner({ partnerId: id, events: ['PREDICTION_BAND_CHANGED'] });
    expect(again.data?.updatePartner).toMatchObject({ events: ['PREDICTION_BAND_CHANGED'], fields: [] });
  });

  it('answers NOT_FOUND for an unknown partner, BAD_USER_INPUT for nothing to change or no event left, and FORBIDDEN to other roles', async () => {
    const id = uniqueName('p').replace(/-/g, '_');
    expect((await registerPartner(service.url, { id })).errors).toBeUndefined();
    const code = (res: { errors?: { extensions?: { code?: unknown } }[] }) => res.errors?.[0]?.extensions?.code;

    expect(code(await updatePartner({ partnerId: uniqueName('nobody'), events: ['CUSTOMER_UPDATED'] }))).toBe('NOT_FOUND');
    expect(code(await updatePartner({ partnerId: id }))).toBe('BAD_USER_INPUT');
    expect(code(await updatePartner({ partnerId: id, events: [] }))).toBe('BAD_USER_INPUT');
    expect(code(await updatePartner({ partnerId: 'a b', events: ['CUSTOMER_UPDATED'] }))).toBe('BAD_USER_INPUT');
    expect(code(await updatePartner({ partnerId: id, events: ['NOT_AN_EVENT'] }))).toBe('BAD_USER_INPUT');
    expect(code(await updatePartner({ partnerId: id, events: ['JOURNEY_DROPOFF'] }, { ...SERVICE_CALLER, roles: ['marketer'] }))).toBe('FORBIDDEN');
    // A partner may not widen what it is sent itself.
    expect(code(await updatePartner({ partnerId: id, fields: ['SCORES'] }, { ...SERVICE_CALLER, roles: ['partner'], partnerId: id }))).toBe('FORBIDDEN');

    // Nothing refused was applied.
    const partners = await subgraphRequest<{ partners: { id: string; events: string[]; fields: string[] }[] }>(
      service.url,
      `{ partners { id events fields } }`,
      {},
      COMPLIANCE,
    );
    expect(partners.data?.partners.find((p) => p.id === id)).toEqual({ id, events: ['CUSTOMER_UPDATED'], fields: ['LAST_TOUCHPOINT'] });
  });
});
