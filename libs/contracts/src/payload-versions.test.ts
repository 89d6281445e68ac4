import { contentApprovedEventSchema, contentWithdrawnEventSchema } from './content-arms';
import { customerSplitEventSchema } from './customer-split';
import { chatTouchpointJobSchema, INTERNAL_JOB_SCHEMAS, journeyAlertsJobSchema, runJobSchema, webhookDeliveryJobSchema } from './internal-jobs';
import { customerUpdatedEventSchema } from './jobs';
import { journeyDropoffEventSchema } from './journey-dropoff';
import {
  assertReadableVersion,
  contractOfQueue,
  isVersionedContract,
  PAYLOAD_VERSIONS,
  payloadVersionOf,
  readVersioned,
  stampVersion,
  UnsupportedPayloadVersionError,
  type VersionedContract,
} from './payload-versions';
import { predictionBandChangedEventSchema } from './prediction-events';
import {
  CONSENT_CHANGED,
  consentChangedEventSchema,
  erasureResultSchema,
  exportResultSchema,
  PRIVACY_CONTRACTS,
  PRIVACY_QUEUES,
  privacyQueueName,
  retentionJobSchema,
  retentionResultSchema,
  subjectJobSchema,
  verificationResultSchema,
} from './privacy';
import { EVENT_SUBSCRIBERS, EVENTS, eventQueueName, INTERNAL_QUEUES, partnerWebhookQueueName, QUEUES, SERVICES } from './queues';
import { sentimentTurnedEventSchema } from './sentiment-turn';

describe('every payload between services has a version', () => {
  // Read from the name tables themselves, so a queue or event added to them is in this list at once.
  const every = [
    ...Object.values(QUEUES),
    ...Object.values(EVENTS),
    ...Object.values(PRIVACY_QUEUES),
    ...Object.values(PRIVACY_CONTRACTS),
    CONSENT_CHANGED,
    ...Object.values(INTERNAL_QUEUES),
  ];

  it.each(every)('%s has an entry in PAYLOAD_VERSIONS', (name) => {
    expect(isVersionedContract(name)).toBe(true);
    expect(PAYLOAD_VERSIONS[name as VersionedContract]).toEqual({ major: expect.any(Number), minor: expect.any(Number) });
  });

  it('has no entry for a contract that no longer exists', () => {
    expect(Object.keys(PAYLOAD_VERSIONS).sort()).toEqual([...new Set(every)].sort());
  });

  it('knows nothing else: a queue name outside the tables is not versioned', () => {
    expect(isVersionedContract('segmentation')).toBe(false);
    expect(isVersionedContract('toString')).toBe(false);
  });

  it.each(Object.values(INTERNAL_QUEUES))('%s, a queue a service gives itself, has a job schema', (queue) => {
    expect(INTERNAL_JOB_SCHEMAS[queue]).toBeDefined();
  });
});

describe('every queue follows a contract (what createQueue and createWorker require)', () => {
  it('a queue of one contract is that contract', () => {
    for (const q of [...Object.values(QUEUES), ...Object.values(PRIVACY_QUEUES)]) expect(contractOfQueue(q)).toBe(q);
    expect(contractOfQueue(INTERNAL_QUEUES.insightsSegmentation)).toBe(INTERNAL_QUEUES.insightsSegmentation);
    expect(contractOfQueue(INTERNAL_QUEUES.generationChatTouchpoints)).toBe(INTERNAL_QUEUES.generationChatTouchpoints);
  });

  it("a lane is its family's contract: an event's queue per subscriber, the privacy jobs per service, deliveries per partner", () => {
    for (const [event, subscribers] of Object.entries(EVENT_SUBSCRIBERS)) {
      for (const s of subscribers) expect(contractOfQueue(eventQueueName(event as keyof typeof EVENT_SUBSCRIBERS, s))).toBe(event);
    }
    for (const service of SERVICES) expect(contractOfQueue(privacyQueueName(service))).toBe(PRIVACY_CONTRACTS.jobs);
    expect(contractOfQueue(partnerWebhookQueueName('p-1'))).toBe(INTERNAL_QUEUES.partnerWebhooks);
    expect(contractOfQueue(partnerWebhookQueueName('acme--eu'))).toBe(INTERNAL_QUEUES.partnerWebhooks);
  });

  it('a name no contract gives a queue has none', () => {
    for (const name of [
      'insights-scratch',
      'segmentation',
      'customer.updated--nobody',
      'privacy--gateway',
      'partner-webhooks',
      partnerWebhookQueueName(''),
      CONSENT_CHANGED,
    ]) {
      expect(contractOfQueue(name)).toBeNull();
    }
  });
});

describe('the rule', () => {
  const contract = EVENTS.journeyDropoff;
  const major = PAYLOAD_VERSIONS[contract].major;

  it('stamps the version the table gives', () => {
    expect(stampVersion(contract, { a: 1 })).toEqual({ a: 1, schemaVersion: `${major}.${PAYLOAD_VERSIONS[contract].minor}` });
  });

  it('reads a payload without the field as 1.0, any minor of the known major, and refuses another major or a malformed version', () => {
    expect(payloadVersionOf({})).toEqual({ major: 1, minor: 0 });
    expect(() => assertReadableVersion(contract, {})).not.toThrow();
    expect(() => assertReadableVersion(contract, { schemaVersion: `${major}.42` })).not.toThrow();
    for (const schemaVersion of [`${major + 1}.0`, `${major - 1}.9`, '1', 'one.0', 1, null]) {
      expect(() => assertReadableVersion(contract, { schemaVersion })).toThrow(UnsupportedPayloadVersionError);
    }
  });

  it('names the contract and the version in the typed error', () => {
    const err = (() => {
      try {
        assertReadableVersion(CONSENT_CHANGED, { schemaVersion: '7.1' });
      } catch (e) {
        return e as UnsupportedPayloadVersionError;
      }
      return null;
    })();
    expect(err?.code).toBe('UNSUPPORTED_PAYLOAD_VERSION');
    expect(err?.message).toMatch(/^UNSUPPORTED_PAYLOAD_VERSION: consent\.changed payload is version 7\.1; this consumer reads major 1 only/);
  });

  it('readVersioned checks the version before the schema, for consumers without dead letters', () => {
    const event = { customerIds: ['c1'], changedAt: '2026-06-01T10:00:00.000Z' };
    expect(readVersioned(CONSENT_CHANGED, consentChangedEventSchema, event)).toEqual({ ok: true, data: event });
    expect(readVersioned(CONSENT_CHANGED, consentChangedEventSchema, { ...event, schemaVersion: '1.3', reason: 'x' })).toEqual({ ok: true, data: event });
    // A future major that the old schema would have read without complaint is refused for its version.
    expect(readVersioned(CONSENT_CHANGED, consentChangedEventSchema, { ...event, schemaVersion: '2.0' })).toEqual({ ok: false, reason: 'unsupported_version' });
    expect(readVersioned(CONSENT_CHANGED, consentChangedEventSchema, { changedAt: event.changedAt })).toEqual({ ok: false, reason: 'malformed' });
  });
});

/**
 * Each contract's schema (what the release before versioning reads with) against what this release
 * produces (stamped), and the reverse: the stamp is an addition every earlier consumer drops.
 */
describe('the versioned contracts read across releases', () => {
  const at = '2026-06-01T10:00:00.000Z';
  const draft = { contract: 1, draftId: 'd1', customerId: 'c1', groundedOnIds: ['c1'], actionId: 'winback', channel: 'email', draftCreatedAt: at };
  const contracts: [VersionedContract, { parse(v: unknown): unknown }, object][] = [
    [EVENTS.customerUpdated, customerUpdatedEventSchema, { customerId: 'c1', version: 1, mergedCustomerIds: [], updatedAt: at }],
    [
      EVENTS.customerSplit,
      customerSplitEventSchema,
      { splitId: 's', customerId: 'c1', restoredCustomerId: 'c2', restoredLineage: [], assignments: [], splitAt: at },
    ],
    [
      EVENTS.journeyDropoff,
      journeyDropoffEventSchema,
      {
        dropoffId: 'd',
        customerId: 'c1',
        journey: 'checkout',
        stepReached: 'pay',
        stepIndex: 1,
        score: 0.7,
        startedAt: at,
        detectedAt: at,
        channels: ['email'],
      },
    ],
    [
      EVENTS.predictionBandChanged,
      predictionBandChangedEventSchema,
      { customerId: 'c1', kind: 'churn', band: 'high', previousBand: 'low', modelId: 'm', modelVersion: 2, scoredAt: at },
    ],
    [
      EVENTS.customerSentimentTurned,
      sentimentTurnedEventSchema,
      { customerId: 'c1', messageId: 'm', trendBefore: 0.2, trendAfter: -0.6, score: -0.9, modelVersion: 'lexicon', occurredAt: at, detectedAt: at },
    ],
    [
      EVENTS.contentApproved,
      contentApprovedEventSchema,
      { ...draft, variants: 2, draftVersion: 1, contentChannel: 'EMAIL', purpose: 'winback', approvedAt: at },
    ],
    [EVENTS.contentWithdrawn, contentWithdrawnEventSchema, { ...draft, withdrawnAt: at }],
    [PRIVACY_CONTRACTS.jobs, subjectJobSchema, { requestId: 'r', customerIds: ['c1', 'c0'] }],
    [PRIVACY_CONTRACTS.jobs, retentionJobSchema, { runId: 'run1', dataClass: 'touchpoints', olderThan: at }],
    [PRIVACY_CONTRACTS.results, erasureResultSchema, { service: 'insights', deleted: { scores: 2 } }],
    [PRIVACY_CONTRACTS.results, verificationResultSchema, { service: 'insights', remaining: { scores: 0 } }],
    [PRIVACY_CONTRACTS.results, exportResultSchema, { service: 'insights', data: { scores: [] } }],
    [PRIVACY_CONTRACTS.results, retentionResultSchema, { service: 'insights', dataClass: 'touchpoints', deleted: 3 }],
    [PRIVACY_QUEUES.requests, subjectJobSchema, { requestId: 'r', customerIds: ['c1'] }],
    [CONSENT_CHANGED, consentChangedEventSchema, { customerIds: ['c1'], changedAt: at }],
    // The queues a service gives itself: during a rolling update its two releases share them.
    [INTERNAL_QUEUES.insightsSegmentation, runJobSchema, { runId: 'seg-run-1' }],
    [INTERNAL_QUEUES.insightsTraining, runJobSchema, { runId: 'run-1' }],
    [INTERNAL_QUEUES.insightsJourneyAlerts, journeyAlertsJobSchema, {}],
    [INTERNAL_QUEUES.generationChatTouchpoints, chatTouchpointJobSchema, { conversationId: 'conv-1', messageId: 'm-1' }],
    [INTERNAL_QUEUES.partnerWebhooks, webhookDeliveryJobSchema, { deliveryId: 'd-1' }],
  ];
  // Named by contract and payload shape, since the privacy contracts carry several.
  const cases = contracts.map(
    ([contract, schema, payload]) => [`${contract} {${Object.keys(payload).slice(0, 3).join(',')}}`, contract, schema, payload] as const,
  );

  it.each(cases)('%s: the previous release reads what this one stamps, and a later minor', (_name, contract, schema, payload) => {
    expect(schema.parse(stampVersion(contract, payload))).toEqual(payload);
    expect(schema.parse({ ...payload, schemaVersion: `${PAYLOAD_VERSIONS[contract].major}.9`, addedLater: true })).toEqual(payload);
  });

  it.each(cases)('%s: this release reads what the previous one wrote (no version) and refuses a future major', (_name, contract, schema, payload) => {
    expect(() => assertReadableVersion(contract, payload)).not.toThrow();
    expect(schema.parse(payload)).toEqual(payload);
    expect(() => assertReadableVersion(contract, { ...payload, schemaVersion: `${PAYLOAD_VERSIONS[contract].major + 1}.0` })).toThrow(
      UnsupportedPayloadVersionError,
    );
  });
});
