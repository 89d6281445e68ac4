import { QUEUES, type LinkJob, type ResolveJob } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, type RunningService } from '@c360/service-kit';
import { subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor, queuedItems } from '@c360/testing';
import type { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { loadConfig } from './config';
import { startIdentityGraph } from './service';

const stack = testStack();
const prefix = uniqueName('t');
let service: RunningService;
let redis: Redis;
let resolveQueue: Queue<ResolveJob>;
let links: Queue<LinkJob>;

beforeAll(async () => {
  const config = loadConfig({ ...stack, QUEUE_PREFIX: prefix, PORT: '0', INTERNAL_TOKEN_SECRET: TEST_SECRET, LOG_LEVEL: 'silent' });
  service = await startIdentityGraph(config, createLogger('identity-test', 'silent'));
  redis = createRedisConnection(stack.REDIS_URL);
  resolveQueue = createQueue({ connection: redis, prefix }, QUEUES.identityResolve);
  links = createQueue({ connection: redis, prefix }, QUEUES.touchpointLink);
});

afterAll(async () => {
  await Promise.all([resolveQueue.close(), links.close()]);
  await service.close();
  await redis.quit();
});

async function resolved(identifiers: ResolveJob['identifiers']): Promise<{ messageId: string; customerId: string }> {
  const messageId = uniqueName('m');
  await resolveQueue.add('resolve', { messageId, channel: 'call_center', occurredAt: '2026-06-01T10:00:00Z', identifiers });
  return { messageId, customerId: (await waitFor(async () => (await queuedItems<LinkJob>(links)).find((l) => l.messageId === messageId))).customerId };
}

const CONFLICTS = `query ($id: ID!) { customer(id: $id) { identityConflicts { identifierType reason customerIds messageId } } identityConflicts(first: 500) { messageId } }`;
type Conflicts = { customer: { identityConflicts: { identifierType: string; reason: string; customerIds: string[]; messageId: string }[] }; identityConflicts: { messageId: string }[] };

describe('merge protection through the worker and the API', () => {
  it('never merges two CRM customers that share an email, and shows the conflict to stewards only', async () => {
    const email = `${uniqueName('shared')}@example.com`;
    const a = await resolved([{ type: 'crmId', value: uniqueName('CRM') }, { type: 'email', value: email }]);
    const b = await resolved([{ type: 'crmId', value: uniqueName('CRM') }, { type: 'accountId', value: uniqueName('acc') }]);
    const linking = await resolved([{ type: 'email', value: email }, { type: 'accountId', value: (await accountOf(b.customerId))! }]);
    // The accountId outranks the email: the call goes to B, and A stays apart.
    expect(linking.customerId).toBe(b.customerId);

    const res = await subgraphRequest<Conflicts>(service.url, CONFLICTS, { id: a.customerId }, { subject: 's', roles: ['compliance'], scopes: [] });
    expect(res.errors).toBeUndefined();
    expect(res.data?.customer.identityConflicts).toEqual([{ identifierType: 'crmId', reason: 'unique-identifier', customerIds: [b.customerId, a.customerId], messageId: linking.messageId }]);
    expect(res.data?.identityConflicts.map((c) => c.messageId)).toContain(linking.messageId);

    const denied = await subgraphRequest(service.url, CONFLICTS, { id: b.customerId }, { subject: 'm', roles: ['marketer'], scopes: [] });
    expect(denied.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

async function accountOf(customerId: string): Promise<string | undefined> {
  const res = await subgraphRequest<{ customer: { identifiers: { typeName: string; value: string }[] } }>(service.url, `query ($id: ID!) { customer(id: $id) { identifiers { typeName value } } }`, { id: customerId });
  return res.data?.customer.identifiers.find((i) => i.typeName === 'accountId')?.value;
}
