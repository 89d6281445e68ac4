import type { Caller } from '@c360/auth';
import { grantingProfile, startStaticConsentService, type StaticConsentService } from '@c360/consent-client';
import { createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, TEST_SECRET, testStack, uniqueName, type GraphQLResponse } from '@c360/testing';
import { loadConfig } from '../config';
import { startGeneration } from '../service';
import { startFakeMessagesApi, type FakeMessagesApi } from './fake-messages-api';
import { INSIGHTS_EXTENSION_SDL, startFakeSubgraph, type FakeSubgraph } from './fake-subgraphs';

/** One customer as the owners of each fact know them (fixtures for the subgraph stand-ins). */
export interface Person {
  givenName: string;
  familyName: string;
  email: string;
  phone: string;
  locality: string;
  postcode: string;
}

export function newPerson(): Person {
  const tag = uniqueName('p').slice(2);
  return { givenName: 'Ada', familyName: 'Lovelace', email: `ada.${tag}@example.com`, phone: '+447700900123', locality: 'Marylebone', postcode: 'NW1 6XE' };
}

const sourced = (value: string) => ({ value, source: 'crm', observedAt: '2026-01-01T00:00:00.000Z' });

function identityOf(p: Person) {
  return {
    goldenRecord: {
      givenName: sourced(p.givenName),
      familyName: sourced(p.familyName),
      birthDate: null,
      gender: null,
      address: { locality: p.locality, postcode: p.postcode, region: 'London', country: 'GB', source: 'crm', observedAt: '2026-01-01T00:00:00.000Z' },
      emails: [sourced(p.email)],
      phones: [sourced(p.phone)],
    },
  };
}

const node = (event: string, channel: string, day: string) => ({
  cursor: day,
  node: { messageId: uniqueName('m'), type: 'track', event, channel, occurredAt: `${day}T10:00:00.000Z` },
});

function journeyOf() {
  return {
    journey: {
      totalCount: 3,
      pageInfo: { hasNextPage: false, endCursor: null },
      edges: [node('product_viewed', 'APP', '2026-02-27'), node('add_to_cart', 'WEB', '2026-03-01'), node('checkout_started', 'WEB', '2026-03-01')],
    },
    journeyStage: { stage: 'DECISION' },
  };
}

function insightsOf() {
  return {
    engagement: {
      touchCount: 14,
      firstSeenAt: '2026-01-05T00:00:00.000Z',
      lastSeenAt: '2026-03-01T10:00:00.000Z',
      lastChannel: 'WEB',
      channels: [],
      withheld: false,
    },
    segment: { id: 's1', description: 'weekend browsers', assignedAt: '2026-03-01T00:00:00.000Z' },
    predictions: {
      withheld: false,
      scores: [
        {
          kind: 'CHURN',
          score: 0.71,
          band: 'HIGH',
          modelId: 'churn-v3',
          modelVersion: 3,
          scoredAt: '2026-03-01T10:00:00.000Z',
          explanation: { raising: [], lowering: [] },
        },
      ],
      nextSteps: [],
    },
    nextBestAction: { action: { id: 'a1', name: 'Free delivery reminder', offer: 'free delivery on orders over £50' }, channel: 'EMAIL', holdout: false },
  };
}

export interface ContentHarness {
  service: RunningService;
  governance: StaticConsentService;
  api: FakeMessagesApi;
  subgraphs: Record<'identity' | 'touchpoints' | 'insights', FakeSubgraph>;
  people: Map<string, Person>;
  /** Customers whose personal fields identity-graph masks for marketers (their consent, as the owner sees it). */
  maskedForMarketers: Set<string>;
  redis: RedisClient;
  publisher: EventPublisher;
  prefix: string;
  db: string;
  /** Calls generation as the gateway would, as this caller. */
  call<T>(query: string, variables: Record<string, unknown>, caller?: Caller): Promise<GraphQLResponse<T>>;
  close(): Promise<void>;
}

export const MARKETER: Caller = { subject: 'marketer-1', roles: ['marketer'], scopes: [] };

/** generation started as main.ts starts it, with a local Messages API (when `anthropic`) and stand-ins for the other subgraphs. */
export async function startContentHarness(options: {
  anthropic: boolean;
  env?: Record<string, string>;
  /** Resolvers of the insights stand-in beyond Customer (e.g. Mutation.decideNextBestAction). */
  insightsResolvers?: Record<string, unknown>;
}): Promise<ContentHarness> {
  const stack = testStack();
  const db = uniqueName('c360_test_generation_content');
  const prefix = uniqueName('t');
  const people = new Map<string, Person>();
  const maskedForMarketers = new Set<string>();
  const governance = await startStaticConsentService(grantingProfile(['personalisation', 'email_marketing', 'sms_marketing']));
  const api = await startFakeMessagesApi();
  const known = (id: string) => people.get(id);
  const subgraphs = {
    identity: await startFakeSubgraph(
      'identity-graph',
      (id) => {
        const person = known(id);
        return person ? identityOf(person) : null;
      },
      { consent: (id) => !maskedForMarketers.has(id) },
    ),
    touchpoints: await startFakeSubgraph('touchpoint-store', (id) => (known(id) ? journeyOf() : null)),
    insights: await startFakeSubgraph('insights', (id) => (known(id) ? insightsOf() : null), {
      extraSdl: INSIGHTS_EXTENSION_SDL,
      resolvers: options.insightsResolvers,
    }),
  };
  const config = loadConfig({
    ...stack,
    MONGODB_DB: db,
    QUEUE_PREFIX: prefix,
    PORT: '0',
    INTERNAL_TOKEN_SECRET: TEST_SECRET,
    LOG_LEVEL: 'silent',
    WORKER_CONCURRENCY: '1',
    CONSENT_SERVICE_URL: governance.url,
    CONSENT_MAX_STALE_MS: '0',
    IDENTITY_GRAPH_URL: subgraphs.identity.url,
    TOUCHPOINT_STORE_URL: subgraphs.touchpoints.url,
    INSIGHTS_URL: subgraphs.insights.url,
    ANTHROPIC_RETRY_BASE_MS: '10',
    ...(options.anthropic ? { ANTHROPIC_API_KEY: 'test-key-not-real', ANTHROPIC_BASE_URL: api.url, ANTHROPIC_MODEL: 'claude-test-model' } : {}),
    ...options.env,
  });
  const service = await startGeneration(config, createLogger('generation-test', 'silent'));
  const redis = createRedisConnection(stack.REDIS_URL);
  const publisher = new EventPublisher({ connection: redis, prefix });
  return {
    service,
    governance,
    api,
    subgraphs,
    people,
    maskedForMarketers,
    redis,
    publisher,
    prefix,
    db,
    call: (query, variables, caller = MARKETER) => subgraphRequest(service.url, query, variables, caller),
    close: async () => {
      await publisher.close();
      await service.close();
      await Promise.all([governance.close(), api.close(), ...Object.values(subgraphs).map((s) => s.close())]);
      await redis.quit();
      await dropDatabase(stack.MONGODB_URI, db);
    },
  };
}

export const DRAFT_FIELDS = /* GraphQL */ `
  id
  customerId
  status
  channel
  purpose
  version
  variants { index subject headline body callToAction }
  versions { version editedBy note variants { index body } }
  grounding { facts { source key value } placeholders withheld unavailableSources offers }
  promptVersion
  provider
  model
  usage { inputTokens outputTokens cacheCreationInputTokens cacheReadInputTokens }
  costUsd
  attempts
  trigger
  reviewedBy
  rejectionReason
`;

export const DRAFT_CONTENT = `mutation ($input: DraftContentInput!) { draftContent(input: $input) { ${DRAFT_FIELDS} } }`;
