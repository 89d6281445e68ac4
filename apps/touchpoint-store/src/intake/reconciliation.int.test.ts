import type { Caller } from '@c360/auth';
import { EVENTS, eventQueueName, QUEUES, type LinkJob } from '@c360/contracts';
import { createLogger, createQueue, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, testStack, waitFor } from '@c360/testing';
import { startTouchpointStore } from '../service';
import { postBatch, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

// No identity-graph runs here: links are queued by hand, as it would queue them, so a batch can be
// left partly linked on purpose and the gap must show.
const config = testConfig({ RECONCILIATION_SETTLE_SECONDS: '1' });
let service: RunningService;
let redis: RedisClient;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  redis = createRedisConnection(config.REDIS_URL);
});

afterAll(async () => {
  await service.close();
  await redis.quit();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

const RECONCILE = `query ($batchId: ID!) { ingestReconciliation(batchId: $batchId) { batchId accepted stored linked notStored notLinked gap } }`;
type Row = { batchId: string; accepted: number; stored: number; linked: number; notStored: number; notLinked: number; gap: number };
const reconciliation = async (batchId: string, caller?: Caller) =>
  subgraphRequest<{ ingestReconciliation: Row | null }>(service.url, RECONCILE, { batchId }, caller);

async function link(messageIds: string[]): Promise<void> {
  const queue = createQueue<{ items: LinkJob[] }>({ connection: redis, prefix: config.QUEUE_PREFIX }, QUEUES.touchpointLink);
  const linkedAt = new Date().toISOString();
  await queue.add('link', { items: messageIds.map((messageId) => ({ messageId, customerId: `c-${messageId}`, mergedCustomerIds: [], linkedAt })) });
  await queue.close();
}

describe('ingest reconciliation', () => {
  it('answers a batch with its id, and counts accepted, stored and linked for it from the store', async () => {
    const items = [touchpoint(), touchpoint(), touchpoint(), { ...touchpoint(), channel: 'fax' }];
    const res = await postBatch(service.url, items, await token());
    const { batchId } = res.body as unknown as { batchId: string };
    expect(batchId).toEqual(expect.any(String));
    await waitFor(async () => (await reconciliation(batchId)).data?.ingestReconciliation?.stored === 3, 15_000, 'the batch stored');
    await link(items.slice(0, 2).map((t) => t.messageId));
    const row = await waitFor(
      async () => {
        const r = (await reconciliation(batchId)).data?.ingestReconciliation;
        return r?.linked === 2 && r;
      },
      15_000,
      'two linked',
    );
    expect(row).toEqual({ batchId, accepted: 3, stored: 3, linked: 2, notStored: 0, notLinked: 1, gap: 1 });
  });

  it('counts a resent message as stored for the batch that resent it', async () => {
    const item = touchpoint();
    const first = (await postBatch(service.url, [item], await token())).body as unknown as { batchId: string };
    await waitFor(async () => (await reconciliation(first.batchId)).data?.ingestReconciliation?.stored === 1);
    const again = (await postBatch(service.url, [item], await token())).body as unknown as { batchId: string };
    await waitFor(async () => (await reconciliation(again.batchId)).data?.ingestReconciliation?.stored === 1, 15_000, 'the resend counted');
  });

  it('lists recent batches to service, analyst and compliance, and to no one else', async () => {
    const query = '{ recentIngestReconciliations(first: 5) { batchId accepted gap } }';
    for (const roles of [['service'], ['analyst'], ['compliance']] as const) {
      const res = await subgraphRequest<{ recentIngestReconciliations: Row[] }>(service.url, query, {}, { subject: 't', roles: [...roles], scopes: [] });
      expect(res.errors).toBeUndefined();
      expect(res.data?.recentIngestReconciliations.length).toBeGreaterThan(0);
    }
    const marketer = await reconciliation('x', { subject: 't', roles: ['marketer'], scopes: [] });
    expect(marketer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('exposes the gap and every consumer queue depth at /metrics, without personal labels', async () => {
    const body = await waitFor(
      async () => {
        const text = await (await fetch(`${service.url}/metrics`)).text();
        return /c360_ingest_settled_batches_with_gap\{[^}]*\} [1-9]/.test(text) && text;
      },
      30_000,
      'a settled batch with a gap in the metrics',
    );
    expect(body).toMatch(/c360_ingest_reconciliation_touchpoints\{stage="gap",service="touchpoint-store"\} [1-9]/);
    for (const queue of [QUEUES.touchpointIngest, QUEUES.identityResolve, QUEUES.touchpointLink, eventQueueName(EVENTS.customerUpdated, 'partners')]) {
      expect(body).toContain(`c360_pipeline_queue_depth{queue="${queue}",bound="depth",service="touchpoint-store"}`);
    }
    expect(body).not.toMatch(/messageId|customerId|anon-/);
  });
});
