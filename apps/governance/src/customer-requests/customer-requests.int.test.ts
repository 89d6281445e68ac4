import { connectMongo, createRedisConnection, CustomerIdentityView } from '@c360/service-kit';
import { SERVICE_CALLER, subgraphRequest, uniqueName } from '@c360/testing';
import { createGovernancePrivacyHandlers } from '../privacy/governance-privacy.handlers';
import { AccessExportRepository } from '../store/access-export.repository';
import { ConsentRepository } from '../store/consent.repository';
import { PartnerDeliveryPrivacyRepository } from '../store/partner-delivery-privacy.repository';
import { RequestRepository } from '../store/request.repository';
import { RestrictionRepository } from '../store/restriction.repository';
import { COMPLIANCE, startTestGovernance, type TestGovernance } from '../testing/governance.harness';
import { CustomerRequestRepository } from './customer-request.repository';

let governance: TestGovernance;

beforeAll(async () => {
  governance = await startTestGovernance();
});

afterAll(async () => {
  await governance.stop();
});

const SUBMIT = /* GraphQL */ `
  mutation ($input: SubmitCustomerRequestInput!) {
    submitCustomerRequest(input: $input) {
      id
      kind
      customerId
      channel
      reference
      purpose
      wantedStatus
      status
    }
  }
`;
const LIST = /* GraphQL */ `
  query {
    customerRequests {
      id
      kind
      customerId
      status
    }
  }
`;
const HANDLE = /* GraphQL */ `
  mutation ($id: ID!) {
    markCustomerRequestHandled(id: $id) {
      status
      handledBy
    }
  }
`;
type Listed = { customerRequests: { id: string; kind: string; customerId: string; status: string }[] };
const BOT = { ...SERVICE_CALLER, subject: 'generation' };
const asBot = <T>(query: string, variables: Record<string, unknown>) => subgraphRequest<T>(governance.service.url, query, variables, BOT);

describe('customer requests', () => {
  it('records a request from a service once per key, lists it for compliance and marks it handled', async () => {
    const customerId = uniqueName('c');
    const input = {
      key: uniqueName('k'),
      kind: 'CONSENT_CHANGE',
      customerId,
      channel: 'chat',
      reference: uniqueName('conv'),
      purpose: 'EMAIL_MARKETING',
      wantedStatus: 'WITHDRAWN',
    };
    const first = await asBot<{ submitCustomerRequest: { id: string } }>(SUBMIT, { input });
    expect(first.errors).toBeUndefined();
    expect(first.data!.submitCustomerRequest).toMatchObject({
      id: input.key,
      kind: 'CONSENT_CHANGE',
      purpose: 'EMAIL_MARKETING',
      wantedStatus: 'WITHDRAWN',
      status: 'RECEIVED',
    });
    await asBot(SUBMIT, { input: { ...input, purpose: 'SMS_MARKETING' } });

    const listed = await governance.request<Listed>(LIST);
    expect(listed.data!.customerRequests.filter((r) => r.customerId === customerId)).toEqual([
      { id: input.key, kind: 'CONSENT_CHANGE', customerId, status: 'RECEIVED' },
    ]);
    const handled = await governance.request<{ markCustomerRequestHandled: { status: string; handledBy: string } }>(HANDLE, { id: input.key });
    expect(handled.data!.markCustomerRequestHandled).toEqual({ status: 'HANDLED', handledBy: COMPLIANCE.subject });
    expect((await governance.request<Listed>(LIST)).data!.customerRequests.some((r) => r.id === input.key)).toBe(false);
  });

  it('refuses callers without the role and malformed requests with typed errors', async () => {
    const input = { key: uniqueName('k'), kind: 'ERASURE', customerId: uniqueName('c'), channel: 'chat', reference: 'conv-1' };
    expect((await governance.request(SUBMIT, { input })).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await asBot(LIST, {})).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const withPurpose = await asBot(SUBMIT, { input: { ...input, purpose: 'PROFILING', wantedStatus: 'GRANTED' } });
    expect(withPurpose.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await asBot(SUBMIT, { input: { ...input, customerId: 'a b' } })).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await governance.request(HANDLE, { id: uniqueName('none') })).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('are exported and erased with the person', async () => {
    const mongo = await connectMongo(governance.config.MONGODB_URI, governance.config.MONGODB_DB);
    const redis = createRedisConnection(governance.config.REDIS_URL);
    try {
      const [survivor, absorbed] = [uniqueName('c'), uniqueName('c')];
      const customerRequests = new CustomerRequestRepository(mongo);
      await customerRequests.submit({
        id: uniqueName('k'),
        kind: 'access',
        customerId: absorbed,
        channel: 'chat',
        reference: 'x',
        purpose: null,
        wantedStatus: null,
        receivedAt: new Date(),
      });
      const handlers = createGovernancePrivacyHandlers({
        consents: new ConsentRepository(mongo),
        restrictions: new RestrictionRepository(mongo),
        identities: new CustomerIdentityView(mongo),
        requests: new RequestRepository(mongo),
        exports: new AccessExportRepository(mongo),
        deliveries: new PartnerDeliveryPrivacyRepository(mongo),
        customerRequests,
        queues: { connection: redis, prefix: governance.config.QUEUE_PREFIX },
      });
      const person = { requestId: uniqueName('r'), customerIds: [survivor, absorbed] };
      expect(((await handlers.export(person)) as { customerRequests: { kind: string }[] }).customerRequests.map((r) => r.kind)).toEqual(['access']);
      expect(await handlers.erase(person)).toMatchObject({ customerRequests: 1 });
      expect(await handlers.verify(person)).toMatchObject({ customerRequests: 0 });
    } finally {
      await redis.quit();
      await mongo.close();
    }
  });
});
