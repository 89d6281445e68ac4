import dns from 'node:dns';
import { createRedisConnection, EventPublisher, type RedisClient } from '@c360/service-kit';
import { uniqueName, waitFor } from '@c360/testing';
import { startTestGovernance, type TestGovernance } from '../testing/governance.harness';
import type { HostLookup } from './webhook-http-agent';
import { deliveryLog, endpoint, grantConsent, publishCustomerUpdate, registerPartner } from '../testing/webhook-test-kit';

// A public-looking name that DNS answers with loopback: what a rebinding attacker does after registration.
const REBOUND_HOST = 'hooks.partner-rebinding.test';
const lookups: string[] = [];
const rebindingDns: HostLookup = (hostname, options, callback) => {
  lookups.push(hostname);
  if (hostname === REBOUND_HOST) return callback(null, [{ address: '127.0.0.1', family: 4 }]);
  dns.lookup(hostname, options, callback);
};

let gov: TestGovernance;
let redis: RedisClient;
let publisher: EventPublisher;

beforeAll(async () => {
  gov = await startTestGovernance(
    {
      WEBHOOK_ALLOW_PRIVATE_NETWORKS: 'false',
      CONSENT_DEFAULT_GRANTED: 'analytics',
      WEBHOOK_RETRY_BASE_MS: '40',
      WEBHOOK_RETRY_MAX_MS: '80',
      WEBHOOK_MAX_ATTEMPTS: '3',
    },
    { webhookLookup: rebindingDns },
  );
  redis = createRedisConnection(gov.config.REDIS_URL);
  publisher = new EventPublisher({ connection: redis, prefix: gov.config.QUEUE_PREFIX });
});

afterAll(async () => {
  await publisher.close();
  await gov.stop();
  await redis.quit();
});

describe('webhooks and private networks (WEBHOOK_ALLOW_PRIVATE_NETWORKS=false)', () => {
  it('refuses to register URLs that are not https or that point into private networks, with a typed error', async () => {
    const refused: [string, RegExp][] = [
      ['http://hooks.example.com/c360', /must be https/],
      ['https://localhost:8443/c360', /localhost/],
      ['https://127.0.0.1/c360', /loopback/],
      ['https://[::ffff:127.0.0.1]/c360', /loopback/],
      ['https://169.254.169.254/latest/meta-data/', /link-local/],
      ['https://10.1.2.3/c360', /private/],
      ['https://100.64.0.9/c360', /carrier-grade NAT/],
      ['https://[fd00::5]/c360', /unique-local/],
    ];
    for (const [webhookUrl, reason] of refused) {
      const id = uniqueName('x').replace('-', '_');
      const res = await registerPartner(gov.service.url, { id, webhookUrl });
      expect([webhookUrl, res.errors?.[0]?.extensions?.code, res.errors?.[0]?.message]).toEqual([webhookUrl, 'BAD_USER_INPUT', expect.stringMatching(reason)]);
    }
    const listed = await gov.request<{ partners: { webhookUrl: string }[] }>(`{ partners { webhookUrl } }`);
    expect(listed.data?.partners.map((p) => p.webhookUrl)).not.toEqual(
      expect.arrayContaining(refused.map(([url]) => expect.stringContaining(new URL(url).hostname))),
    );
    // Registered for a purpose nobody here consents to, so nothing is ever sent to this public name.
    const accepted = await registerPartner(gov.service.url, {
      id: uniqueName('ok').replace('-', '_'),
      webhookUrl: 'https://hooks.example.com/c360',
      purposes: ['PROFILING'],
    });
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data?.registerPartner.partner.webhookUrl).toBe('https://hooks.example.com/c360');
  });

  it('refuses, at connection time, a host that resolves to a loopback address: logged with the reason, retried, then dead-lettered', async () => {
    // Listens where the rebound name points, so a connection that got through would be seen here.
    const hook = await endpoint(() => 200);
    const port = new URL(hook.url).port;
    const id = uniqueName('r').replace('-', '_');
    const registered = await registerPartner(gov.service.url, { id, webhookUrl: `https://${REBOUND_HOST}:${port}/hook` });
    expect(registered.errors).toBeUndefined();
    const customer = uniqueName('c');
    await grantConsent(gov.service.url, customer);
    await publishCustomerUpdate(publisher, customer, 1);
    const [dead] = await waitFor(
      async () => {
        const log = await deliveryLog(gov.service.url, id);
        return log.length === 1 && log[0]!.status === 'DEAD' ? log : undefined;
      },
      20_000,
      'the refused delivery to be dead-lettered',
    );
    await hook.close();
    expect(dead!.attempts).toBe(3);
    expect(dead!.lastError).toBe(
      `refused: ${REBOUND_HOST} resolves to 127.0.0.1, a loopback address; private networks are not allowed (WEBHOOK_ALLOW_PRIVATE_NETWORKS)`,
    );
    expect(lookups.filter((h) => h === REBOUND_HOST).length).toBeGreaterThanOrEqual(3);
    expect(hook.received).toHaveLength(0);
  });
});
