import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { consentChangedChannel } from '@c360/contracts';
import { createMetricsRegistry, createRedisConnection, type RedisClient } from '@c360/service-kit';
import { TEST_SECRET, testStack, uniqueName, waitFor } from '@c360/testing';
import { ConsentClient } from './consent-client';
import { grantingProfile, startStaticConsentService, type StaticConsentService } from './static-consent-service';

let redis: RedisClient;
let governance: StaticConsentService;
const clients: ConsentClient[] = [];

async function client(prefix: string, overrides: Partial<ConstructorParameters<typeof ConsentClient>[0]> = {}): Promise<ConsentClient> {
  const c = new ConsentClient({
    governanceUrl: governance.url,
    internalTokenSecret: TEST_SECRET,
    caller: 'test',
    redis,
    queuePrefix: prefix,
    maxStaleMs: 60_000,
    timeoutMs: 1_000,
    ...overrides,
  });
  await c.start();
  clients.push(c);
  return c;
}

beforeAll(async () => {
  redis = createRedisConnection(testStack().REDIS_URL);
  governance = await startStaticConsentService(grantingProfile(['profiling']));
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await governance.close();
  await redis.quit();
});

describe('ConsentClient against a consent endpoint and Redis', () => {
  it('asks once per customer and answers from its cache afterwards', async () => {
    const c = await client(uniqueName('t'));
    const customerId = uniqueName('c');
    const before = governance.requests();
    expect(await c.isAllowed({ customerId, purpose: 'profiling' })).toBe(true);
    expect(await c.isAllowed({ customerId, purpose: 'personalisation' })).toBe(false);
    expect(await c.isAllowed({ customerId, purpose: 'profiling', channel: 'web' })).toBe(true);
    expect(governance.requests() - before).toBe(1);
  });

  it('drops a cached answer when consent.changed names the customer', async () => {
    const prefix = uniqueName('t');
    const c = await client(prefix);
    const customerId = uniqueName('c');
    expect(await c.isAllowed({ customerId, purpose: 'profiling' })).toBe(true);
    governance.set({ customerId, restricted: true, consents: [{ purpose: 'profiling', channel: null, status: 'granted' }] });
    // Still cached: no message yet.
    expect(await c.isAllowed({ customerId, purpose: 'profiling' })).toBe(true);
    await redis.publish(consentChangedChannel(prefix), JSON.stringify({ customerIds: ['other', customerId], changedAt: new Date().toISOString() }));
    await waitFor(async () => (await c.check({ customerId, purpose: 'profiling' })).reason === 'restricted', 5_000, 'the restriction to be seen');
  });

  it('does not let a question asked before a change answer one asked after it, nor cache its answer', async () => {
    // A governance stand-in that reads the consent when a request arrives and answers the first one only when released.
    let status: 'granted' | 'withdrawn' = 'granted';
    const held: (() => void)[] = [];
    const slow = http.createServer((req, res) => {
      const customerId = decodeURIComponent(req.url!.split('/').pop()!);
      const body = JSON.stringify({ customerId, restricted: false, consents: [{ purpose: 'profiling', channel: null, status }] });
      const answer = () => res.writeHead(200, { 'content-type': 'application/json' }).end(body);
      if (held.length === 0) held.push(answer);
      else answer();
    });
    await new Promise<void>((resolve) => slow.listen(0, '127.0.0.1', resolve));
    try {
      const c = await client(uniqueName('t'), { governanceUrl: `http://127.0.0.1:${(slow.address() as AddressInfo).port}`, timeoutMs: 5_000 });
      const customerId = uniqueName('c');
      const before = c.check({ customerId, purpose: 'profiling' });
      await waitFor(async () => held.length === 1, 5_000, 'the first question to reach governance');
      // The withdrawal is recorded and announced while that question waits for its answer.
      status = 'withdrawn';
      c.invalidate([customerId]);
      expect(await c.check({ customerId, purpose: 'profiling' })).toEqual({ allowed: false, reason: 'withdrawn' });
      // The old answer still reaches whoever asked before the change, and is not cached over the new one.
      held[0]!();
      expect(await before).toEqual({ allowed: true, reason: 'granted' });
      expect(await c.check({ customerId, purpose: 'profiling' })).toEqual({ allowed: false, reason: 'withdrawn' });
    } finally {
      slow.closeAllConnections();
      await new Promise<void>((resolve) => slow.close(() => resolve()));
    }
  });

  it('never trusts a cached answer longer than the maximum staleness', async () => {
    const c = await client(uniqueName('t'), { maxStaleMs: 200 });
    const customerId = uniqueName('c');
    expect(await c.isAllowed({ customerId, purpose: 'profiling' })).toBe(true);
    governance.set({ customerId, restricted: false, consents: [{ purpose: 'profiling', channel: null, status: 'withdrawn' }] });
    await new Promise((r) => setTimeout(r, 250));
    expect(await c.check({ customerId, purpose: 'profiling' })).toEqual({ allowed: false, reason: 'withdrawn' });
  });

  it('answers no when governance cannot be reached, and does not cache that answer', async () => {
    const down = await startStaticConsentService(grantingProfile(['profiling']));
    const c = await client(uniqueName('t'), { governanceUrl: down.url });
    await down.close();
    expect(await c.check({ customerId: uniqueName('c'), purpose: 'profiling' })).toEqual({ allowed: false, reason: 'unavailable' });
    const unroutable = await client(uniqueName('t'), { governanceUrl: 'http://127.0.0.1:9', timeoutMs: 200 });
    expect(await unroutable.isAllowed({ customerId: uniqueName('c'), purpose: 'profiling' })).toBe(false);
  });

  it('answers no when governance answers with an error or garbage', async () => {
    const c = await client(uniqueName('t'), { governanceUrl: `${governance.url}/nowhere` });
    expect(await c.check({ customerId: uniqueName('c'), purpose: 'profiling' })).toEqual({ allowed: false, reason: 'unavailable' });
  });

  it('times each answer by its source and counts the fail-closed ones', async () => {
    const metrics = createMetricsRegistry('consent-test');
    const c = await client(uniqueName('t'), { metrics });
    const customerId = uniqueName('c');
    await c.isAllowed({ customerId, purpose: 'profiling' });
    await c.isAllowed({ customerId, purpose: 'profiling' });
    await c.isAllowed({ customerId, purpose: 'marketing' });
    const down = await client(uniqueName('t'), { metrics, governanceUrl: 'http://127.0.0.1:9', timeoutMs: 200 });
    await down.isAllowed({ customerId, purpose: 'profiling' });
    const counts = Object.fromEntries(
      (await metrics.getSingleMetric('c360_consent_check_duration_seconds')!.get()).values
        .filter((v) => (v as { metricName?: string }).metricName === 'c360_consent_check_duration_seconds_count')
        .map((v) => [v.labels['source'], v.value]),
    );
    expect(counts).toEqual({ governance: 1, cache: 2, unavailable: 1 });
    expect((await metrics.getSingleMetric('c360_consent_fail_closed_total')!.get()).values[0]!.value).toBe(1);
    expect(await metrics.metrics()).not.toContain(customerId);
  });
});

describe('consent.changed across releases', () => {
  it('reads a later minor as the customers it names, and treats a future major as a message about anyone', async () => {
    const prefix = uniqueName('t');
    const c = await client(prefix);
    const [named, other] = [uniqueName('c'), uniqueName('c')];
    for (const id of [named, other]) {
      expect(await c.isAllowed({ customerId: id, purpose: 'profiling' })).toBe(true);
      governance.set({ customerId: id, restricted: true, consents: [{ purpose: 'profiling', channel: null, status: 'granted' }] });
    }
    const changedAt = new Date().toISOString();
    await redis.publish(consentChangedChannel(prefix), JSON.stringify({ customerIds: [named], changedAt, schemaVersion: '1.2', reason: 'withdrawn' }));
    await waitFor(async () => (await c.check({ customerId: named, purpose: 'profiling' })).reason === 'restricted', 5_000, 'the named customer dropped');
    // Only the named customer's answer was dropped: the other's is still the cached one.
    expect(await c.isAllowed({ customerId: other, purpose: 'profiling' })).toBe(true);
    // A major this release cannot read could mean anyone, even one its schema would read: every cached answer goes.
    await redis.publish(consentChangedChannel(prefix), JSON.stringify({ customerIds: [uniqueName('c')], changedAt, schemaVersion: '2.0' }));
    await waitFor(async () => (await c.check({ customerId: other, purpose: 'profiling' })).reason === 'restricted', 5_000, 'the whole cache dropped');
  });
});
