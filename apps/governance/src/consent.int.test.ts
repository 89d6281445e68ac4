import { signInternalToken, INTERNAL_HEADER } from '@c360/auth';
import { ConsentClient } from '@c360/consent-client';
import { consentChangedChannel } from '@c360/contracts';
import { createRedisConnection, type RedisClient } from '@c360/service-kit';
import { TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { loadConfig } from './config';
import {
  COMPLIANCE,
  startTestGovernance,
  TEST_AUDIT_ANCHOR_KEY,
  TEST_SUPPRESSION_SECRET,
  TEST_WEBHOOK_KEY,
  type TestGovernance,
} from './testing/governance.harness';

let gov: TestGovernance;
let redis: RedisClient;

const RECORD = /* GraphQL */ `
  mutation ($input: RecordConsentInput!) {
    recordConsent(input: $input) {
      status
    }
  }
`;
const WITHDRAW = /* GraphQL */ `
  mutation ($input: WithdrawConsentInput!) {
    withdrawConsent(input: $input) {
      purpose
      channel
      status
      isDefault
    }
  }
`;
const HISTORY = /* GraphQL */ `
  query ($id: ID!) {
    _entities(representations: [{ __typename: "Customer", id: $id }]) {
      ... on Customer {
        consents {
          purpose
          channel
          status
          isDefault
        }
        consentHistory {
          purpose
          channel
          status
          source
          lawfulBasis
          policyVersion
          recordedAt
          recordedBy
        }
      }
    }
  }
`;
type History = { consents: { purpose: string; channel: string | null; status: string; isDefault: boolean }[]; consentHistory: Record<string, unknown>[] };

async function history(id: string, caller = COMPLIANCE) {
  return gov.request<{ _entities: History[] }>(HISTORY, { id }, caller);
}

async function profile(customerId: string, roles: string[] = ['service']) {
  const token = await signInternalToken({ subject: 'insights', roles: roles as never, scopes: [] }, TEST_SECRET);
  const res = await fetch(`${gov.service.url}/internal/v1/consent-profile/${customerId}`, { headers: { [INTERNAL_HEADER]: token } });
  return { status: res.status, body: (await res.json()) as { restricted: boolean; consents: { purpose: string; channel: string | null; status: string }[] } };
}

beforeAll(async () => {
  gov = await startTestGovernance({ CONSENT_DEFAULT_GRANTED: 'analytics,profiling' });
  redis = createRedisConnection(testStack().REDIS_URL);
});

afterAll(async () => {
  await redis.quit();
  await gov.stop();
});

describe('consent history', () => {
  it('keeps every entry, in order, with lawful basis, policy version, source and who recorded it', async () => {
    const id = uniqueName('c');
    const base = { customerId: id, purpose: 'EMAIL_MARKETING', channel: 'EMAIL', source: 'preference-centre', policyVersion: 'v3' };
    await gov.request(RECORD, { input: { ...base, status: 'GRANTED', lawfulBasis: 'consent' } });
    const withdrawn = await gov.request<{ withdrawConsent: unknown }>(WITHDRAW, { input: { ...base, source: 'unsubscribe-link' } });
    expect(withdrawn.data?.withdrawConsent).toEqual({ purpose: 'EMAIL_MARKETING', channel: 'EMAIL', status: 'WITHDRAWN', isDefault: false });

    const res = await history(id);
    const h = res.data!._entities[0]!;
    expect(h.consentHistory).toEqual([
      expect.objectContaining({ status: 'GRANTED', lawfulBasis: 'consent', policyVersion: 'v3', source: 'preference-centre', recordedBy: 'officer-1' }),
      expect.objectContaining({ status: 'WITHDRAWN', lawfulBasis: null, policyVersion: 'v3', source: 'unsubscribe-link', recordedBy: 'officer-1' }),
    ]);
    expect(h.consents.find((c) => c.purpose === 'EMAIL_MARKETING')).toMatchObject({ channel: 'EMAIL', status: 'WITHDRAWN' });
  });

  it('shows history to compliance and services only', async () => {
    const res = await history(uniqueName('c'), { ...COMPLIANCE, roles: ['marketer' as never] });
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('refuses a withdrawal with an empty source', async () => {
    const res = await gov.request(WITHDRAW, { input: { customerId: uniqueName('c'), purpose: 'PROFILING', source: ' ' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('consent defaults', () => {
  it('denies marketing by default and refuses a configuration that would grant it', async () => {
    const res = await history(uniqueName('c'));
    const consents = res.data!._entities[0]!.consents;
    expect(
      consents
        .filter((c) => c.status === 'GRANTED')
        .map((c) => c.purpose)
        .sort(),
    ).toEqual(['ANALYTICS', 'PROFILING']);
    expect(consents.find((c) => c.purpose === 'SMS_MARKETING')).toMatchObject({ status: 'DENIED', isDefault: true });
    const env = {
      INTERNAL_TOKEN_SECRET: TEST_SECRET,
      SUPPRESSION_SECRET: TEST_SUPPRESSION_SECRET,
      WEBHOOK_SECRET_ENCRYPTION_KEY: TEST_WEBHOOK_KEY,
      AUDIT_ANCHOR_KEY: TEST_AUDIT_ANCHOR_KEY,
    };
    expect(() => loadConfig({ ...env, CONSENT_DEFAULT_GRANTED: 'analytics,email_marketing' })).toThrow(/CONSENT_DEFAULT_GRANTED: marketing/);
    expect(loadConfig(env).CONSENT_DEFAULT_GRANTED).toEqual(new Set(['analytics', 'personalisation', 'profiling']));
  });
});

describe('consent profile endpoint and consent.changed', () => {
  it('answers services with the consent in force, and refuses other roles and unsigned calls', async () => {
    const id = uniqueName('c');
    await gov.request(RECORD, { input: { customerId: id, purpose: 'PROFILING', status: 'DENIED', source: 'form' } });
    const ok = await profile(id);
    expect(ok.status).toBe(200);
    expect(ok.body.restricted).toBe(false);
    expect(ok.body.consents).toEqual(
      expect.arrayContaining([
        { purpose: 'profiling', channel: null, status: 'denied' },
        { purpose: 'analytics', channel: null, status: 'granted' },
      ]),
    );
    expect((await profile(id, ['marketer'])).status).toBe(403);
    expect((await fetch(`${gov.service.url}/internal/v1/consent-profile/${id}`)).status).toBe(401);
  });

  it('announces a change, and a consent client sees it before its cache would expire', async () => {
    const id = uniqueName('c');
    const client = new ConsentClient({
      governanceUrl: gov.service.url,
      internalTokenSecret: TEST_SECRET,
      caller: 'test',
      redis,
      queuePrefix: gov.config.QUEUE_PREFIX,
      maxStaleMs: 600_000,
      timeoutMs: 2_000,
    });
    await client.start();
    const heard: string[] = [];
    const sub = redis.duplicate();
    sub.on('message', (_c: string, m: string) => heard.push(m));
    await sub.subscribe(consentChangedChannel(gov.config.QUEUE_PREFIX));
    try {
      expect(await client.isAllowed({ customerId: id, purpose: 'profiling' })).toBe(true);
      await gov.request(WITHDRAW, { input: { customerId: id, purpose: 'PROFILING', source: 'app' } });
      await waitFor(
        async () => (await client.check({ customerId: id, purpose: 'profiling' })).reason === 'withdrawn',
        5_000,
        'the withdrawal to reach the client',
      );
      expect(JSON.parse(heard[0]!)).toMatchObject({ customerIds: [id], schemaVersion: '1.0' });
    } finally {
      await sub.quit();
      await client.close();
    }
  });

  it('makes a consent client fail closed once governance is gone', async () => {
    const other = await startTestGovernance();
    const client = new ConsentClient({
      governanceUrl: other.service.url,
      internalTokenSecret: TEST_SECRET,
      caller: 'test',
      redis,
      queuePrefix: other.config.QUEUE_PREFIX,
      maxStaleMs: 0,
      timeoutMs: 500,
    });
    await client.start();
    try {
      expect(await client.isAllowed({ customerId: uniqueName('c'), purpose: 'personalisation' })).toBe(true);
      await other.stop();
      expect(await client.check({ customerId: uniqueName('c'), purpose: 'personalisation' })).toEqual({ allowed: false, reason: 'unavailable' });
    } finally {
      await client.close();
    }
  });
});
