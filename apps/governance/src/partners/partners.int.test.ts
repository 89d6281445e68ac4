import { partnerUpdatesChannel } from '@c360/contracts';
import { connectMongo, createLogger, createRedisConnection, EventPublisher, type RedisClient, type RunningService } from '@c360/service-kit';
import { dropDatabase, SERVICE_CALLER, subgraphRequest, TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { loadConfig } from '../config';
import { startGovernance } from '../service';
import { TEST_SUPPRESSION_SECRET, TEST_WEBHOOK_KEY, TEST_AUDIT_ANCHOR_KEY } from '../testing/governance.harness';
import { COMPLIANCE, endpoint, grantConsent, publishCustomerUpdate, registerPartner, verifies } from '../testing/webhook-test-kit';

const stack = testStack();
const db = uniqueName('c360_test_partners');
const prefix = uniqueName('t');
let service: RunningService;
let redis: RedisClient;
let publisher: EventPublisher;

async function register(input: Record<string, unknown>): Promise<string> {
  const res = await registerPartner(service.url, input);
  if (res.errors) throw new Error(JSON.stringify(res.errors));
  return res.data!.registerPartner.secret;
}

const grant = (customerId: string, purpose?: string) => grantConsent(service.url, customerId, purpose);

/** governance's webhook outcome counters from its /metrics, keyed `<outcome> <status>`. */
async function webhookOutcomes(): Promise<Record<string, number>> {
  const text = await (await fetch(`${service.url}/metrics`)).text();
  const counts: Record<string, number> = {};
  for (const [, labels, value] of text.matchAll(/^c360_webhook_deliveries_total\{(.*)\} (\S+)$/gm)) {
    const label = (name: string) => new RegExp(`${name}="([^"]*)"`).exec(labels!)?.[1];
    counts[`${label('outcome')} ${label('status')}`] = Number(value);
  }
  return counts;
}
const update = (customerId: string, version: number) => publishCustomerUpdate(publisher, customerId, version);

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
    // The partners' endpoints here are local servers on 127.0.0.1 over http.
    WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'true',
    // Profiling must not be granted by default here: one partner is registered for it without consent.
    CONSENT_DEFAULT_GRANTED: 'analytics',
    LOG_LEVEL: 'silent',
    WEBHOOK_RETRY_BASE_MS: '40',
    WEBHOOK_RETRY_MAX_MS: '160',
    WEBHOOK_MAX_ATTEMPTS: '8',
    WEBHOOK_TIMEOUT_MS: '30000',
  });
  service = await startGovernance(config, createLogger('partners-test', 'silent'));
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

describe('partner webhooks', () => {
  it('signs every delivery (verified independently), and sends nothing without consent for the purpose', async () => {
    const hook = await endpoint(() => 204);
    const other = await endpoint(() => 204);
    const id = uniqueName('p').replace('-', '_');
    const secret = await register({ id, webhookUrl: hook.url });
    await register({ id: uniqueName('q').replace('-', '_'), webhookUrl: other.url, purposes: ['PROFILING'] });
    // The live channel the gateway's subscriptions read gets exactly what the webhook gets.
    const live: { customerId: string; version: number }[] = [];
    const listener = redis.duplicate();
    listener.on('message', (_channel: string, message: string) => live.push(JSON.parse(message) as { customerId: string; version: number }));
    await listener.subscribe(partnerUpdatesChannel(prefix, id));
    const [consenting, silent] = [uniqueName('c'), uniqueName('c')];
    await grant(consenting);
    await update(silent, 1);
    await update(consenting, 1);
    await waitFor(async () => hook.delivered().length === 1, 15_000, 'the consenting customer');
    await update(silent, 2);
    await update(consenting, 2);
    await waitFor(async () => hook.delivered().length === 2, 15_000, 'the second update');
    try {
      expect(hook.delivered().map((d) => [d.customerId, d.version])).toEqual([
        [consenting, 1],
        [consenting, 2],
      ]);
      expect(hook.received.every((r) => verifies(secret, r))).toBe(true);
      // Another key: the first character of the key material changed (to one it is not).
      expect(
        verifies(
          secret.replace(/^whsec_(.)/, (_, c: string) => `whsec_${c === 'A' ? 'B' : 'A'}`),
          hook.received[0]!,
        ),
      ).toBe(false);
      // Registered for a purpose the customer never granted: nothing at all.
      expect(other.received).toHaveLength(0);
      await waitFor(async () => live.length >= 2, 5_000, 'the live channel');
      expect(live.map((u) => [u.customerId, u.version])).toEqual([
        [consenting, 1],
        [consenting, 2],
      ]);
    } finally {
      await Promise.all([hook.close(), other.close(), listener.quit()]);
    }
  });

  it('keeps signing secrets sealed in MongoDB, and still signs deliveries with them', async () => {
    const hook = await endpoint(() => 200);
    const id = uniqueName('s').replace('-', '_');
    const secret = await register({ id, webhookUrl: hook.url });
    const rotated = await subgraphRequest<{ rotatePartnerSecret: { secret: string } }>(
      service.url,
      `mutation ($id: ID!) { rotatePartnerSecret(partnerId: $id, overlapSeconds: 600) { secret } }`,
      { id },
      COMPLIANCE,
    );
    const newSecret = rotated.data!.rotatePartnerSecret.secret;
    const mongo = await connectMongo(stack.MONGODB_URI, db);
    try {
      const stored = await mongo.collection<{ _id: string; secrets: { sealed: string }[] }>('partners').findOne({ _id: id });
      const raw = JSON.stringify(stored);
      expect(stored?.secrets).toHaveLength(2);
      for (const s of stored!.secrets) expect(s.sealed).toMatch(/^v1:[\w-]{8}:/);
      for (const plain of [secret, newSecret]) {
        expect(raw).not.toContain(plain.slice('whsec_'.length));
        expect(raw).not.toContain(Buffer.from(plain.slice('whsec_'.length), 'base64').toString('hex'));
      }
    } finally {
      await mongo.close();
    }
    const customer = uniqueName('c');
    await grant(customer);
    await update(customer, 1);
    await waitFor(async () => hook.delivered().length === 1, 15_000, 'a delivery');
    await hook.close();
    expect(verifies(secret, hook.received[0]!)).toBe(true);
    expect(verifies(newSecret, hook.received[0]!)).toBe(true);
    // No read path hands out a secret, sealed or not.
    const listed = await subgraphRequest<{ partners: Record<string, unknown>[] }>(
      service.url,
      `{ partners { id name webhookUrl concurrency createdAt } }`,
      {},
      COMPLIANCE,
    );
    expect(JSON.stringify(listed.data)).not.toMatch(/whsec_|v1:/);
  });

  it('signs with both secrets while a rotation overlaps', async () => {
    const hook = await endpoint(() => 200);
    const id = uniqueName('r').replace('-', '_');
    const oldSecret = await register({ id, webhookUrl: hook.url });
    const rotated = await subgraphRequest<{ rotatePartnerSecret: { secret: string } }>(
      service.url,
      `mutation ($id: ID!) { rotatePartnerSecret(partnerId: $id, overlapSeconds: 600) { secret } }`,
      { id },
      COMPLIANCE,
    );
    const newSecret = rotated.data!.rotatePartnerSecret.secret;
    const customer = uniqueName('c');
    await grant(customer);
    await update(customer, 1);
    await waitFor(async () => hook.delivered().length === 1, 15_000, 'a delivery');
    await hook.close();
    expect(verifies(oldSecret, hook.received[0]!)).toBe(true);
    expect(verifies(newSecret, hook.received[0]!)).toBe(true);
  });

  it('delivers every update once, in order per customer, to an endpoint that fails five times then recovers', async () => {
    const hook = await endpoint((n) => (n <= 5 ? 503 : 200));
    const id = uniqueName('f').replace('-', '_');
    await register({ id, webhookUrl: hook.url, concurrency: 3 });
    const [a, b] = [uniqueName('c'), uniqueName('c')];
    await Promise.all([grant(a), grant(b)]);
    for (let v = 1; v <= 4; v++) {
      await update(a, v);
      await update(b, v);
    }
    await waitFor(async () => hook.delivered().length === 8, 30_000, 'all eight updates');
    await new Promise((r) => setTimeout(r, 500));
    await hook.close();
    const delivered = hook.delivered();
    expect(hook.received.filter((r) => r.answered === 503)).toHaveLength(5);
    expect(delivered).toHaveLength(8);
    for (const customer of [a, b]) expect(delivered.filter((d) => d.customerId === customer).map((d) => d.version)).toEqual([1, 2, 3, 4]);

    const log = await subgraphRequest<{ webhookDeliveries: { status: string; attempts: number }[] }>(
      service.url,
      `query ($id: ID!) { webhookDeliveries(partnerId: $id) { status attempts } }`,
      { id },
      { ...SERVICE_CALLER, roles: ['partner'], partnerId: id },
    );
    expect(log.data?.webhookDeliveries).toHaveLength(8);
    expect(log.data?.webhookDeliveries.every((d) => d.status === 'DELIVERED')).toBe(true);
    expect(log.data?.webhookDeliveries.reduce((n, d) => n + d.attempts, 0)).toBeGreaterThan(8);
  });

  it('keeps one partner’s log from another partner', async () => {
    const res = await subgraphRequest(
      service.url,
      `{ webhookDeliveries(partnerId: "someone_else") { id } }`,
      {},
      { ...SERVICE_CALLER, roles: ['partner'], partnerId: 'me' },
    );
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('dead-letters a delivery after its last attempt, and replays it by hand', async () => {
    const before = await webhookOutcomes();
    let up = false;
    const hook = await endpoint(() => (up ? 200 : 500));
    const id = uniqueName('d').replace('-', '_');
    await register({ id, webhookUrl: hook.url });
    const customer = uniqueName('c');
    await grant(customer);
    await update(customer, 7);
    const dead = await waitFor(
      async () => {
        const res = await subgraphRequest<{ webhookDeliveries: { id: string; attempts: number }[] }>(
          service.url,
          `query ($id: ID!) { webhookDeliveries(partnerId: $id, status: DEAD) { id attempts } }`,
          { id },
          COMPLIANCE,
        );
        return res.data?.webhookDeliveries[0];
      },
      20_000,
      'a dead letter',
    );
    expect(dead.attempts).toBe(8);
    up = true;
    const replay = await subgraphRequest<{ replayWebhookDelivery: { status: string } }>(
      service.url,
      `mutation ($id: ID!) { replayWebhookDelivery(id: $id) { status } }`,
      { id: dead.id },
      COMPLIANCE,
    );
    expect(replay.data?.replayWebhookDelivery.status).toBe('PENDING');
    await waitFor(async () => hook.delivered().length === 1, 15_000, 'the replayed delivery');
    await hook.close();
    expect(hook.delivered()[0]).toMatchObject({ customerId: customer, version: 7 });
    // Deliveries run one at a time per partner lane, so this test's attempts are the only 5xx ones now.
    const after = await webhookOutcomes();
    const delta = (key: string) => (after[key] ?? 0) - (before[key] ?? 0);
    expect([delta('retrying 5xx'), delta('dead 5xx')]).toEqual([7, 1]);
    expect(delta('delivered 2xx')).toBeGreaterThanOrEqual(1);
  });

  it('keeps delivering to one partner while another partner’s endpoint hangs', async () => {
    const hanging = await endpoint(() => null);
    const healthy = await endpoint(() => 200);
    const [slowId, fastId] = [uniqueName('h').replace('-', '_'), uniqueName('g').replace('-', '_')];
    await register({ id: slowId, webhookUrl: hanging.url, concurrency: 1 });
    await register({ id: fastId, webhookUrl: healthy.url });
    const customers = Array.from({ length: 5 }, () => uniqueName('c'));
    for (const c of customers) await grant(c);
    for (const c of customers) await update(c, 1);
    await waitFor(async () => healthy.delivered().length === 5, 15_000, 'the healthy partner to get all five');
    // Every request to the hanging partner is still open: it received its first and answered nothing.
    expect(hanging.received.length).toBeGreaterThanOrEqual(1);
    expect(hanging.received.every((r) => r.answered === null)).toBe(true);
    await Promise.all([hanging.close(), healthy.close()]);
  });

  it('refuses partner registration to other roles and rejects bad input', async () => {
    const marketer = await subgraphRequest(
      service.url,
      `mutation { registerPartner(input: { id: "x", name: "x", purposes: [ANALYTICS], fields: [] }) { secret } }`,
      {},
      { ...SERVICE_CALLER, roles: ['marketer'] },
    );
    expect(marketer.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const bad = await subgraphRequest(
      service.url,
      `mutation { registerPartner(input: { id: "a b", name: "x", purposes: [ANALYTICS], fields: [] }) { secret } }`,
      {},
      COMPLIANCE,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
