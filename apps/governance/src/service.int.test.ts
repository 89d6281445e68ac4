import { EVENTS } from '@c360/contracts';
import { createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { loadConfig } from './config';
import { startGovernance } from './service';
import { TEST_SUPPRESSION_SECRET, TEST_WEBHOOK_KEY, TEST_AUDIT_ANCHOR_KEY } from './testing/governance.harness';

const stack = testStack();
const db = uniqueName('c360_test_governance');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;

const COMPLIANCE = { ...SERVICE_CALLER, subject: 'officer-1', roles: ['compliance' as const] };

const CONSENTS = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        consents {
          purpose
          channel
          status
          source
          isDefault
          recordedAt
        }
      }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation ($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      purpose
      channel
      status
      isDefault
    }
  }
`;
type Consent = { purpose: string; channel: string | null; status: string; source: string; isDefault: boolean; recordedAt: string | null };

async function consents(id: string): Promise<Consent[]> {
  const res = await subgraphRequest<{ _entities: { consents: Consent[] }[] }>(service.url, CONSENTS, { id });
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!._entities[0]!.consents;
}

function record(customerId: string, purpose: string, status: string, channel: string | null = null, caller = COMPLIANCE) {
  return subgraphRequest<{ recordConsent: Consent }>(
    service.url,
    RECORD,
    { input: { customerId, purpose, status, channel, source: 'preference-centre' } },
    caller,
  );
}

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
    LOG_LEVEL: 'silent',
    CONSENT_DEFAULT_GRANTED: 'analytics',
    RETENTION_CRON: 'off',
  });
  service = await startGovernance(config, createLogger('governance-test', 'silent'));
  redis = createRedisConnection(stack.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix });
});

afterAll(async () => {
  await publisher.close();
  await service.close();
  await redis.quit();
  await dropDatabase(stack.MONGODB_URI, db);
  await dropDatabase(stack.MONGODB_URI, `${db}_anchors`);
});

describe('consent ledger', () => {
  it('serves configured defaults for a customer who never said anything', async () => {
    const all = await consents(uniqueName('c'));
    expect(all.every((c) => c.isDefault)).toBe(true);
    expect(all.find((c) => c.purpose === 'ANALYTICS')?.status).toBe('GRANTED');
    expect(all.find((c) => c.purpose === 'EMAIL_MARKETING')?.status).toBe('DENIED');
  });

  it('records a consent and later its withdrawal; the latest is in force', async () => {
    const id = uniqueName('c');
    expect((await record(id, 'EMAIL_MARKETING', 'GRANTED', 'EMAIL')).data?.recordConsent).toMatchObject({ status: 'GRANTED', isDefault: false });
    expect((await consents(id)).find((c) => c.purpose === 'EMAIL_MARKETING')).toMatchObject({
      channel: 'EMAIL',
      status: 'GRANTED',
      source: 'preference-centre',
    });
    await record(id, 'EMAIL_MARKETING', 'WITHDRAWN', 'EMAIL');
    expect((await consents(id)).find((c) => c.purpose === 'EMAIL_MARKETING')?.status).toBe('WITHDRAWN');
  });

  it('keeps consents recorded under a customer later merged into another', async () => {
    const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
    await record(absorbed, 'SMS_MARKETING', 'GRANTED');
    await publisher.publish(
      EVENTS.customerUpdated,
      { customerId: survivor, version: 3, mergedCustomerIds: [absorbed], updatedAt: new Date().toISOString() },
      uniqueName('j'),
    );
    await waitFor(async () => (await consents(survivor)).find((c) => c.purpose === 'SMS_MARKETING')?.status === 'GRANTED');
    // Consent recorded afterwards under the old id lands on the survivor too.
    await record(absorbed, 'PROFILING', 'GRANTED');
    expect((await consents(survivor)).find((c) => c.purpose === 'PROFILING')?.status).toBe('GRANTED');
  });

  it('refuses recordConsent to roles other than compliance and service', async () => {
    const res = await record(uniqueName('c'), 'ANALYTICS', 'DENIED', null, { ...COMPLIANCE, roles: ['marketer'] as never });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('rejects an unknown purpose with a validation error', async () => {
    const res = await record(uniqueName('c'), 'SPYING', 'GRANTED');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('refuses a request that did not come through the gateway', async () => {
    const res = await subgraphRequest(service.url, CONSENTS, { id: 'x' }, null);
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
