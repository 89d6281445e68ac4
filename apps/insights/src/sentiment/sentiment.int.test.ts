import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import {
  consentChangedChannel,
  EVENTS,
  eventQueueName,
  sentimentTurnedEventSchema,
  type Channel,
  type CustomerSplitEvent,
  type CustomerUpdatedEvent,
} from '@c360/contracts';
import { connectMongo, createLogger, createQueue, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, queuedItems, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Connection } from 'mongoose';
import { loadConfig } from '../config';
import { startInsights } from '../service';
import { startStaticTouchpointTexts, type StaticTouchpointTexts } from '../testing/static-touchpoint-texts';
import { SentimentScoreRepository } from './sentiment-score.repository';

const stack = testStack();
const db = uniqueName('c360_test_insights_sentiment');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;
let governance: StaticConsentService;
let texts: StaticTouchpointTexts;
let mongo: Connection;
let scores: SentimentScoreRepository;
let turns: Queue;

const PRAISE = ['The staff were wonderful and so helpful, I love this shop!', 'Great service again, thank you, really happy with it.'];
const ANGER = 'This is the worst service ever. I am furious and disgusted, terrible!';

/** A customer.updated adding these touchpoints, each with its text (or none) served by the touchpoint-store stand-in. */
function updated(customerId: string, items: { text?: string; at: string; channel?: Channel }[], merged: string[] = []): CustomerUpdatedEvent {
  const touchpoints = items.map(({ text, at, channel = 'email' }) => {
    const messageId = uniqueName('m');
    if (text !== undefined) texts.add({ messageId, channel, occurredAt: at, text });
    return { messageId, channel, occurredAt: at };
  });
  return { customerId, version: 1, mergedCustomerIds: merged, touchpoints, updatedAt: new Date().toISOString() };
}

const SENTIMENT = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        sentiment {
          trend
          label
          score
          textCount
          negativeTurn
          lastScoredAt
          withheld
        }
      }
    }
  }
`;
interface Sentiment {
  trend: number | null;
  label: string | null;
  score: number | null;
  textCount: number | null;
  negativeTurn: boolean | null;
  lastScoredAt: string | null;
  withheld: boolean;
}

async function sentimentOf(id: string, roles: string[] = ['service']): Promise<Sentiment> {
  const res = await subgraphRequest<{ _entities: { sentiment: Sentiment }[] }>(
    service.url,
    SENTIMENT,
    { id },
    { subject: 't', roles: roles as never, scopes: [] },
  );
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.sentiment;
}

async function drained(): Promise<void> {
  await waitFor(
    async () =>
      (await redis.llen(`${prefix}:customer.updated--insights:wait`)) === 0 && (await redis.zcard(`${prefix}:customer.updated--insights:delayed`)) === 0,
  );
}

beforeAll(async () => {
  governance = await startStaticConsentService(grantingProfile(['profiling']));
  texts = await startStaticTouchpointTexts();
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    CONSENT_SERVICE_URL: governance.url,
    // Answers come from the stand-in at once; a short staleness bound keeps consent changes visible.
    CONSENT_MAX_STALE_MS: '200',
    TOUCHPOINT_STORE_URL: texts.url,
  });
  service = await startInsights(config, createLogger('insights-sentiment-test', 'silent'));
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
  mongo = await connectMongo(stack.MONGODB_URI, db);
  scores = new SentimentScoreRepository(mongo);
  turns = createQueue({ connection: redis, prefix }, eventQueueName(EVENTS.customerSentimentTurned, 'generation'));
});

afterAll(async () => {
  await turns.obliterate({ force: true });
  await turns.close();
  await publisher.close();
  await service.close();
  await mongo.close();
  await governance.close();
  await texts.close();
  await redis.quit();
  await dropDatabase(stack.MONGODB_URI, db);
});

describe('sentiment of touchpoint text', () => {
  it('scores text when it arrives, gives the trend, and publishes one event when it turns sharply negative', async () => {
    const id = uniqueName('cust');
    await publisher.publish(
      EVENTS.customerUpdated,
      updated(id, [{ text: PRAISE[0], at: '2026-03-01T10:00:00Z' }, { text: PRAISE[1], at: '2026-03-03T10:00:00Z' }, { at: '2026-03-03T11:00:00Z' }]),
      uniqueName('j'),
    );
    const content = await waitFor(async () => {
      const s = await sentimentOf(id);
      return s.textCount === 2 && s;
    });
    expect(content).toMatchObject({ label: 'POSITIVE', negativeTurn: false, withheld: false, lastScoredAt: '2026-03-03T10:00:00.000Z' });
    expect(content.trend!).toBeGreaterThan(0.05);

    const angry = updated(id, [{ text: ANGER, at: '2026-03-05T10:00:00Z', channel: 'social' }]);
    await publisher.publish(EVENTS.customerUpdated, angry, uniqueName('j'));
    const turned = await waitFor(async () => {
      const s = await sentimentOf(id);
      return s.textCount === 3 && s;
    });
    expect(turned.negativeTurn).toBe(true);
    expect(turned.score!).toBeLessThan(-0.3);
    expect(turned.trend!).toBeLessThan(content.trend!);

    const events = await waitFor(async () => {
      const items = (await queuedItems<unknown>(turns)).map((d) => sentimentTurnedEventSchema.parse(d)).filter((e) => e.customerId === id);
      return items.length > 0 && items;
    });
    expect(events).toEqual([expect.objectContaining({ customerId: id, messageId: angry.touchpoints![0]!.messageId, modelVersion: 'lexicon' })]);
    expect(events[0]!.trendBefore).toBeCloseTo(content.trend!, 6);

    // A redelivered event changes nothing and turns nothing again.
    await publisher.publish(EVENTS.customerUpdated, angry, uniqueName('j'));
    await drained();
    expect((await sentimentOf(id)).textCount).toBe(3);
    expect((await queuedItems<{ customerId: string }>(turns)).filter((e) => e.customerId === id)).toHaveLength(1);
  });

  it('reads the texts of customers merged into the one asked about, and follows a split', async () => {
    const [survivor, absorbed] = [uniqueName('cust'), uniqueName('cust')];
    const before = updated(absorbed, [{ text: PRAISE[0], at: '2026-04-01T10:00:00Z' }]);
    await publisher.publish(EVENTS.customerUpdated, before, uniqueName('j'));
    await waitFor(async () => (await sentimentOf(absorbed)).textCount === 1);
    await publisher.publish(EVENTS.customerUpdated, updated(survivor, [{ text: ANGER, at: '2026-04-02T10:00:00Z' }], [absorbed]), uniqueName('j'));
    await waitFor(async () => (await sentimentOf(survivor)).textCount === 2);

    const split: CustomerSplitEvent = {
      splitId: uniqueName('split'),
      customerId: survivor,
      restoredCustomerId: absorbed,
      restoredLineage: [],
      assignments: [{ customerId: absorbed, messageIds: [before.touchpoints![0]!.messageId] }],
      splitAt: new Date().toISOString(),
    };
    await publisher.publish(EVENTS.customerSplit, split, uniqueName('j'));
    const after = await waitFor(async () => {
      const s = await sentimentOf(survivor);
      return s.textCount === 1 && s;
    });
    expect(after.label).toBe('NEGATIVE');
    expect((await sentimentOf(absorbed)).textCount).toBe(1);
  });

  it('keeps nothing for a customer without profiling consent, and removes what it kept when consent is withdrawn', async () => {
    const [refused, restricted, withdrawing] = [uniqueName('cust'), uniqueName('cust'), uniqueName('cust')];
    governance.set({ customerId: refused, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'denied' }] });
    governance.set({ customerId: restricted, restricted: true, consents: [{ purpose: 'profiling', channel: null, status: 'granted' }] });
    for (const id of [refused, restricted, withdrawing])
      await publisher.publish(EVENTS.customerUpdated, updated(id, [{ text: PRAISE[0], at: '2026-05-01T10:00:00Z' }]), uniqueName('j'));
    await waitFor(async () => (await sentimentOf(withdrawing)).textCount === 1);
    await drained();
    expect(await scores.countForCustomers([refused, restricted])).toBe(0);
    const withheld = { trend: null, label: null, score: null, textCount: null, negativeTurn: null, lastScoredAt: null, withheld: true };
    expect(await sentimentOf(refused)).toEqual(withheld);
    expect(await sentimentOf(restricted)).toEqual(withheld);

    governance.set({ customerId: withdrawing, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'withdrawn' }] });
    await redis.publish(consentChangedChannel(prefix), JSON.stringify({ customerIds: [withdrawing], changedAt: new Date().toISOString() }));
    await waitFor(async () => (await scores.countForCustomers([withdrawing])) === 0);
    expect(await sentimentOf(withdrawing)).toEqual(withheld);
  });

  it('scores text that touchpoint-store could not serve at first, once it can (the event is retried)', async () => {
    const id = uniqueName('cust');
    texts.failing = true;
    await publisher.publish(EVENTS.customerUpdated, updated(id, [{ text: ANGER, at: '2026-06-01T10:00:00Z' }]), uniqueName('j'));
    await waitFor(async () => (await redis.zcard(`${prefix}:customer.updated--insights:delayed`)) > 0);
    expect(await scores.countForCustomers([id])).toBe(0);
    texts.failing = false;
    await waitFor(async () => (await scores.countForCustomers([id])) === 1);
  });

  it('shows the figures to roles cleared for personal data only', async () => {
    const id = uniqueName('cust');
    await publisher.publish(EVENTS.customerUpdated, updated(id, [{ text: PRAISE[1], at: '2026-07-01T10:00:00Z' }]), uniqueName('j'));
    await waitFor(async () => (await sentimentOf(id)).textCount === 1);
    expect(await sentimentOf(id, ['analyst'])).toMatchObject({ trend: null, label: null, textCount: null, withheld: false });
    expect((await sentimentOf(id, ['support'])).textCount).toBe(1);
  });
});

describe('operator-trained sentiment models', () => {
  const TRAIN = /* GraphQL */ `
    mutation ($examples: [SentimentExampleInput!]!, $activate: Boolean) {
      trainSentimentModel(examples: $examples, activate: $activate) {
        version
        kind
        active
        positiveExamples
        negativeExamples
        holdoutAccuracy
      }
    }
  `;
  const ACTIVATE = `mutation ($v: ID!) { activateSentimentModel(version: $v) { version active } }`;
  const MODELS = `{ sentimentModels { version kind active } }`;
  const analyst = { subject: 'ops', roles: ['analyst' as const], scopes: [] };
  // Domain wording the lexicon has no opinion on: "sorted" is good news here, "pending" bad.
  const good = [
    'ticket sorted same day',
    'sorted, parcel collected',
    'parcel sorted and collected',
    'sorted by the courier',
    'ticket sorted quickly',
    'collected and sorted',
  ];
  const bad = [
    'ticket pending for weeks',
    'parcel still pending',
    'pending, no courier',
    'courier pending again',
    'still pending ticket',
    'parcel pending, not collected',
  ];
  const examples = [...good.map((text) => ({ text, label: 'POSITIVE' })), ...bad.map((text) => ({ text, label: 'NEGATIVE' }))];

  it('trains, activates and scores new text with the domain model, and goes back to the shipped one', async () => {
    const trained = await subgraphRequest<{ trainSentimentModel: { version: string; kind: string; active: boolean; positiveExamples: number } }>(
      service.url,
      TRAIN,
      { examples, activate: true },
      analyst,
    );
    expect(trained.errors).toBeUndefined();
    const model = trained.data!.trainSentimentModel;
    expect(model).toMatchObject({ kind: 'tfidf-logistic', active: true, positiveExamples: 6 });
    const listed = await subgraphRequest<{ sentimentModels: { version: string; active: boolean }[] }>(service.url, MODELS, {}, analyst);
    expect(listed.data!.sentimentModels[0]).toEqual({ version: model.version, kind: 'tfidf-logistic', active: true });

    const id = uniqueName('cust');
    await publisher.publish(EVENTS.customerUpdated, updated(id, [{ text: 'my ticket is still pending', at: '2026-08-01T10:00:00Z' }]), uniqueName('j'));
    const [scored] = await waitFor(async () => {
      const s = await scores.forCustomers([id]);
      return s.length === 1 && s;
    });
    expect(scored).toMatchObject({ modelVersion: model.version, label: 'negative' });

    const back = await subgraphRequest<{ activateSentimentModel: { version: string; active: boolean } }>(service.url, ACTIVATE, { v: 'lexicon' }, analyst);
    expect(back.data!.activateSentimentModel).toEqual({ version: 'lexicon', active: true });
    const again = await subgraphRequest<{ sentimentModels: { version: string; active: boolean }[] }>(service.url, MODELS, {}, analyst);
    expect(again.data!.sentimentModels.filter((m) => m.active).map((m) => m.version)).toEqual(['lexicon']);
  });

  it('refuses other roles, and bad examples or versions with BAD_USER_INPUT', async () => {
    for (const roles of [['marketer'], ['support'], ['compliance']] as const) {
      const r = await subgraphRequest(service.url, TRAIN, { examples }, { subject: 't', roles: [...roles], scopes: [] });
      expect(r.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const neutral = await subgraphRequest(service.url, TRAIN, { examples: [...examples, { text: 'meh', label: 'NEUTRAL' }] }, analyst);
    expect(neutral.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const few = await subgraphRequest(service.url, TRAIN, { examples: examples.slice(0, 4) }, analyst);
    expect(few.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const unknown = await subgraphRequest(service.url, ACTIVATE, { v: 'no-such-model' }, analyst);
    expect(unknown.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
