import { suppressionHash, suppressionSetKey } from '@c360/contracts';
import { connectMongo, createLogger, createRedisConnection, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, subgraphRequest, testStack, uniqueName, waitFor } from '@c360/testing';
import type { Connection } from 'mongoose';
import { startTouchpointStore } from '../service';
import { TouchpointRepository } from '../store/touchpoint.repository';
import { postBatch, SUPPRESSION_SECRET, testConfig, token, touchpoint } from '../testing/touchpoint-fixtures';

const config = testConfig({ UNKNOWN_EVENT_POLICY: 'quarantine', EVENT_SCHEMA_CACHE_MS: '0', BATCH_MAX_ITEM_BYTES: '2048' });
let service: RunningService;
let mongo: Connection;
let touchpoints: TouchpointRepository;
let redis: RedisClient;

beforeAll(async () => {
  service = await startTouchpointStore(config, createLogger('tp-test', 'silent'));
  mongo = await connectMongo(config.MONGODB_URI, config.MONGODB_DB);
  touchpoints = new TouchpointRepository(mongo);
  redis = createRedisConnection(config.REDIS_URL);
});

afterAll(async () => {
  await service.close();
  await mongo.close();
  await redis.del(suppressionSetKey(config.QUEUE_PREFIX));
  await redis.quit();
  await dropDatabase(testStack().MONGODB_URI, config.MONGODB_DB);
});

async function gql<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await subgraphRequest<T>(service.url, query, variables);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!;
}

const REGISTER = `mutation ($event: String!, $schema: JSON!) { registerEventSchema(event: $event, schema: $schema) { event version } }`;
const QUARANTINED = `query ($event: String, $status: QuarantineStatus) { quarantinedTouchpoints(event: $event, status: $status, first: 50) { totalCount edges { node { messageId code reasons schemaVersion status item } } } }`;
const REPLAY = `mutation ($ids: [ID!], $event: String) { replayQuarantinedTouchpoints(messageIds: $ids, event: $event) { messageId status reason } }`;
const CORRECT = `mutation ($id: ID!, $p: JSON!) { correctQuarantinedTouchpoint(messageId: $id, properties: $p) { messageId status reason } }`;
type Quarantined = {
  quarantinedTouchpoints: {
    totalCount: number;
    edges: { node: { messageId: string; code: string; reasons: string[]; schemaVersion: number | null; status: string; item: { properties: unknown } } }[];
  };
};

describe('event schemas and quarantine', () => {
  it('keeps an item that breaks its schema in quarantine with the reasons, visible in GraphQL', async () => {
    const event = uniqueName('Order Completed');
    await gql(REGISTER, { event, schema: { type: 'object', required: ['total'], properties: { total: { type: 'number' } } } });
    const good = touchpoint({ event, properties: { total: 10 } });
    const bad = touchpoint({ event, properties: { total: 'ten' } });
    const res = await postBatch(service.url, [good, bad], await token());
    expect(res.body).toMatchObject({ accepted: 1, quarantined: 1, rejected: 0 });
    expect(res.body.results[1]).toMatchObject({ status: 'quarantined', reason: expect.stringContaining('properties.total') });

    const q = await gql<Quarantined>(QUARANTINED, { event });
    expect(q.quarantinedTouchpoints.edges.map((e) => e.node)).toEqual([
      {
        messageId: bad.messageId,
        code: 'SCHEMA_VIOLATION',
        reasons: ['properties.total: must be number'],
        schemaVersion: 1,
        status: 'HELD',
        item: expect.objectContaining({ properties: { total: 'ten' } }),
      },
    ]);
    await waitFor(async () => (await touchpoints.countByIds([good.messageId])) === 1);
    expect(await touchpoints.countByIds([bad.messageId])).toBe(0);
  });

  it('replays held items once the schema is fixed, and stores them', async () => {
    const event = uniqueName('Lead Scored');
    await gql(REGISTER, { event, schema: { type: 'object', properties: { score: { type: 'integer' } } } });
    const items = [touchpoint({ event, properties: { score: 0.5 } }), touchpoint({ event, properties: { score: 0.9 } })];
    expect((await postBatch(service.url, items, await token())).body.quarantined).toBe(2);

    const stillBad = await gql<{ replayQuarantinedTouchpoints: { status: string }[] }>(REPLAY, { event });
    expect(stillBad.replayQuarantinedTouchpoints.map((r) => r.status)).toEqual(['QUARANTINED', 'QUARANTINED']);

    const v2 = await gql<{ registerEventSchema: { version: number } }>(REGISTER, {
      event,
      schema: { type: 'object', properties: { score: { type: 'number' } } },
    });
    expect(v2.registerEventSchema.version).toBe(2);
    const replayed = await gql<{ replayQuarantinedTouchpoints: { messageId: string; status: string }[] }>(REPLAY, { ids: items.map((i) => i.messageId) });
    expect(replayed.replayQuarantinedTouchpoints.map((r) => r.status)).toEqual(['ACCEPTED', 'ACCEPTED']);
    await waitFor(async () => (await touchpoints.countByIds(items.map((i) => i.messageId))) === 2, 15_000, 'replayed items stored');
    expect((await gql<Quarantined>(QUARANTINED, { event })).quarantinedTouchpoints.totalCount).toBe(0);
    expect((await gql<Quarantined>(QUARANTINED, { event, status: 'REPLAYED' })).quarantinedTouchpoints.totalCount).toBe(2);

    // A second replay finds nothing held and stores nothing twice.
    const again = await gql<{ replayQuarantinedTouchpoints: { reason: string }[] }>(REPLAY, { ids: [items[0]!.messageId] });
    expect(again.replayQuarantinedTouchpoints[0]!.reason).toContain('NOT_HELD');
  });

  it('replays a held item after its data is corrected', async () => {
    const bad = touchpoint({ type: 'contact', channel: 'call_center', event: undefined, properties: { reason: 'billing', outcome: 'perhaps' } });
    expect((await postBatch(service.url, [bad], await token())).body.quarantined).toBe(1);
    const fixed = await gql<{ correctQuarantinedTouchpoint: { status: string } }>(CORRECT, {
      id: bad.messageId,
      p: { reason: 'billing', outcome: 'resolved' },
    });
    expect(fixed.correctQuarantinedTouchpoint.status).toBe('ACCEPTED');
    const [stored] = await waitFor(async () => {
      const docs = await touchpoints.findByIds([bad.messageId]);
      return docs.length === 1 && docs;
    });
    expect(stored!.properties).toEqual({ reason: 'billing', outcome: 'resolved' });
  });

  it('quarantines unknown event names under the quarantine policy, and lets them through once registered', async () => {
    const event = uniqueName('Never Registered');
    const item = touchpoint({ event });
    expect((await postBatch(service.url, [item], await token())).body.results[0]).toMatchObject({
      status: 'quarantined',
      reason: expect.stringContaining('UNKNOWN_EVENT'),
    });
    await gql(REGISTER, { event, schema: { type: 'object' } });
    const r = await gql<{ replayQuarantinedTouchpoints: { status: string }[] }>(REPLAY, { ids: [item.messageId] });
    expect(r.replayQuarantinedTouchpoints[0]!.status).toBe('ACCEPTED');
  });

  it('refuses a schema that is not valid JSON Schema with BAD_USER_INPUT', async () => {
    const res = await subgraphRequest(service.url, REGISTER, { event: 'x', schema: { type: 'objekt' } });
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

describe('limits and refusals', () => {
  it('answers 413 naming the item that exceeds the item size limit, and queues nothing of the batch', async () => {
    const small = touchpoint({ event: 'page', type: 'page' });
    const big = touchpoint({ type: 'page', event: undefined, text: 'x'.repeat(3000) });
    const res = await postBatch(service.url, [small, big], await token());
    expect(res).toMatchObject({ status: 413, body: { reason: expect.stringContaining('item 1 exceeds the item size limit of 2048 bytes') } });
  });

  it('refuses touchpoints that carry a suppressed identifier and keeps the others', async () => {
    const email = `${uniqueName('erased')}@example.com`;
    await redis.sadd(suppressionSetKey(config.QUEUE_PREFIX), suppressionHash(SUPPRESSION_SECRET, `email:${email}`));
    // Sent in another spelling: the check runs on normalised identifiers.
    const erased = touchpoint({ type: 'page', event: undefined, identifiers: { email: ` ${email.toUpperCase()} `, anonymousId: uniqueName('a') } });
    const other = touchpoint({ type: 'page', event: undefined });
    const res = await postBatch(service.url, [erased, other], await token());
    expect(res.body.results.map((r) => [r.status, r.reason])).toEqual([
      ['rejected', 'SUPPRESSED'],
      ['accepted', undefined],
    ]);
    await waitFor(async () => (await touchpoints.countByIds([other.messageId])) === 1);
    expect(await touchpoints.countByIds([erased.messageId])).toBe(0);
  });

  it('corrects occurredAt for the sender clock skew and keeps what the sender said', async () => {
    const sentAt = new Date(Date.now() + 3 * 3600_000);
    const occurredAt = new Date(sentAt.getTime() - 60_000);
    const item = touchpoint({ type: 'page', event: undefined, occurredAt: occurredAt.toISOString(), sentAt: sentAt.toISOString() });
    const before = Date.now();
    await postBatch(service.url, [item], await token());
    const after = Date.now();
    const [doc] = await waitFor(async () => {
      const d = await touchpoints.findByIds([item.messageId]);
      return d.length === 1 && d;
    });
    expect(doc!.clientOccurredAt.toISOString()).toBe(occurredAt.toISOString());
    // The sender was about 3 h ahead; corrected, the touchpoint happened a minute before receipt.
    expect(doc!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 60_000);
    expect(doc!.occurredAt.getTime()).toBeLessThanOrEqual(after - 60_000);
    expect(doc!.occurredAt.getTime()).toBe(doc!.receivedAt.getTime() - 60_000);
  });
});

describe('a full ingestion queue', () => {
  const apiOnly = testConfig({ WORKER_ROLE: 'api', INGEST_QUEUE_MAX_DEPTH: '3', INGEST_JOB_MAX_ITEMS: '1', INGEST_RETRY_AFTER_SECONDS: '7' });
  let api: RunningService;
  beforeAll(async () => {
    api = await startTouchpointStore(apiOnly, createLogger('tp-api', 'silent'));
  });
  afterAll(async () => {
    await api.close();
    await dropDatabase(testStack().MONGODB_URI, apiOnly.MONGODB_DB);
  });

  it('answers 429 with Retry-After instead of growing the queue, and QUEUE_FULL to the mutation', async () => {
    const page = () => touchpoint({ type: 'page', event: undefined });
    expect((await postBatch(api.url, [page(), page()], await token())).status).toBe(200);
    const res = await fetch(`${api.url}/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await token()}` },
      body: JSON.stringify([page(), page()]),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const m = await subgraphRequest(api.url, `mutation ($i: [TouchpointInput!]!) { recordTouchpoints(input: $i) { accepted } }`, {
      i: [
        { messageId: uniqueName('m'), type: 'page', channel: 'WEB', occurredAt: '2026-05-01T10:00:00Z', identifiers: { anonymousId: 'a' } },
        { messageId: uniqueName('m'), type: 'page', channel: 'WEB', occurredAt: '2026-05-01T10:00:00Z', identifiers: { anonymousId: 'a' } },
      ],
    });
    expect(m.errors?.[0]?.extensions?.code).toBe('QUEUE_FULL');
  });
});
