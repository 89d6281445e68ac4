import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TouchpointInput } from '@c360/contracts';
import { uniqueName, waitFor } from '@c360/testing';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { gatewayQuery, postBatch, System, tokenFor, waitForQueuesIdle } from './system';

/**
 * A partner following customer.updated through the real system: registered through the gateway,
 * fed by identity-graph's events via governance's consent check, by webhook and by subscription.
 * Another, registered for drop-offs, gets insights' journey.dropoff the same way.
 */
// Untrained, a checkout's usual time is 5 minutes here, so one begun 30 minutes ago is overdue at once.
const system = new System({ DROPOFF_DEFAULT_USUAL_MINUTES: '5', DROPOFF_SWEEP_MS: '500' });
let compliance: string;
let service: string;
let hook: http.Server;
let hookUrl: string;
const webhooks: { type: string; customerId: string; version: number }[] = [];
let ws: Client;
const live: { customerId: string; version: number }[] = [];
const partnerId = uniqueName('acme').replace('-', '_');

function touch(email: string, n: number): TouchpointInput {
  return { messageId: uniqueName(`t${n}`), type: 'identify', channel: 'web', occurredAt: `2026-10-0${n}T09:00:00Z`, identifiers: { email }, properties: {} };
}

async function customerId(email: string): Promise<string> {
  return waitFor(
    async () => {
      const res = await gatewayQuery<{ customerByIdentifier: { id: string } | null }>(
        system,
        `query ($e: String!) { customerByIdentifier(type: EMAIL, value: $e) { id } }`,
        { e: email },
        service,
      );
      return res.body.data?.customerByIdentifier?.id;
    },
    30_000,
    'the customer',
  );
}

beforeAll(async () => {
  await system.start();
  compliance = await tokenFor({ subject: 'officer', roles: ['compliance'], scopes: [] });
  service = await tokenFor({ subject: 'loader', roles: ['service'], scopes: [] });
  hook = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      webhooks.push(JSON.parse(body) as { type: string; customerId: string; version: number });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((r) => hook.listen(0, '127.0.0.1', r));
  hookUrl = `http://127.0.0.1:${(hook.address() as AddressInfo).port}/hook`;
}, 180_000);

afterAll(async () => {
  await ws?.dispose();
  hook.closeAllConnections();
  await new Promise((r) => hook.close(r));
  await system.stop();
}, 60_000);

describe('partners through the gateway', () => {
  it('sends consented customers’ updates by webhook and subscription, and nothing for the others', async () => {
    const registered = await gatewayQuery<{ registerPartner: { secret: string } }>(
      system,
      `mutation ($input: RegisterPartnerInput!) { registerPartner(input: $input) { secret partner { id } } }`,
      { input: { id: partnerId, name: 'Acme', purposes: ['THIRD_PARTY_SHARING'], fields: ['LAST_TOUCHPOINT'], webhookUrl: hookUrl } },
      compliance,
    );
    expect(registered.body.errors).toBeUndefined();
    expect(registered.body.data?.registerPartner.secret).toMatch(/^whsec_/);

    ws = createClient({
      url: `${system.gateway.url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${await tokenFor({ subject: partnerId, roles: ['partner'], scopes: [], partnerId })}` },
      retryAttempts: 0,
    });
    ws.subscribe<{ customerUpdated: { customerId: string; version: number } }>(
      { query: 'subscription { customerUpdated { customerId version } }' },
      { next: (r) => r.data && live.push(r.data.customerUpdated), error: () => undefined, complete: () => undefined },
    );

    const [yes, no] = [`${uniqueName('yes')}@example.com`, `${uniqueName('no')}@example.com`];
    await postBatch(system, [touch(yes, 1), touch(no, 1)], service);
    const [yesId, noId] = [await customerId(yes), await customerId(no)];
    await waitForQueuesIdle(system);
    const granted = await gatewayQuery(
      system,
      `mutation ($id: ID!) { recordConsent(input: { customerId: $id, purpose: THIRD_PARTY_SHARING, status: GRANTED, source: "e2e" }) { status } }`,
      { id: yesId },
      compliance,
    );
    expect(granted.body.errors).toBeUndefined();
    // The subscription is asynchronous to set up; later updates keep coming until it has one.
    for (let n = 2; n <= 9 && !live.some((u) => u.customerId === yesId); n++) {
      await postBatch(system, [touch(yes, n), touch(no, n)], service);
      await waitForQueuesIdle(system);
      await new Promise((r) => setTimeout(r, 300));
    }
    await waitFor(async () => webhooks.some((u) => u.customerId === yesId) && live.some((u) => u.customerId === yesId), 30_000, 'the partner’s updates');
    expect(webhooks.some((u) => u.customerId === noId)).toBe(false);
    expect(live.some((u) => u.customerId === noId)).toBe(false);
    const versions = webhooks.filter((u) => u.customerId === yesId).map((u) => u.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));

    const log = await gatewayQuery<{ webhookDeliveries: { customerId: string; status: string }[] }>(
      system,
      `query ($id: ID!) { webhookDeliveries(partnerId: $id) { customerId status } }`,
      { id: partnerId },
      compliance,
    );
    expect(log.body.data?.webhookDeliveries.length).toBeGreaterThan(0);
    expect(log.body.data?.webhookDeliveries.every((d) => d.customerId === yesId && d.status === 'DELIVERED')).toBe(true);
  });

  it('sends a drop-off insights detected to the partner registered for drop-offs, and only to it', async () => {
    const received: { type: string; customerId: string; stepReached?: string; stepIndex?: number; score?: number }[] = [];
    const dropHook = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push(JSON.parse(body) as (typeof received)[number]);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => dropHook.listen(0, '127.0.0.1', r));
    try {
      const dropPartner = uniqueName('drop').replace('-', '_');
      const registered = await gatewayQuery<{ registerPartner: { partner: { events: string[] } } }>(
        system,
        `mutation ($input: RegisterPartnerInput!) { registerPartner(input: $input) { partner { events } } }`,
        {
          input: {
            id: dropPartner,
            name: 'Recovery Co',
            purposes: ['THIRD_PARTY_SHARING'],
            fields: ['JOURNEY_STEP'],
            events: ['JOURNEY_DROPOFF'],
            webhookUrl: `http://127.0.0.1:${(dropHook.address() as AddressInfo).port}/hook`,
          },
        },
        compliance,
      );
      expect(registered.body.data?.registerPartner.partner.events).toEqual(['JOURNEY_DROPOFF']);
      const email = `${uniqueName('cart')}@example.com`;
      await postBatch(system, [touch(email, 1)], service);
      const id = await customerId(email);
      // Shared with partners, and marketing by email: insights announces only what consent lets it act on.
      for (const consent of ['purpose: THIRD_PARTY_SHARING', 'purpose: MARKETING, channel: EMAIL']) {
        const granted = await gatewayQuery(
          system,
          `mutation ($id: ID!) { recordConsent(input: { customerId: $id, ${consent}, status: GRANTED, source: "e2e" }) { status } }`,
          { id },
          compliance,
        );
        expect(granted.body.errors).toBeUndefined();
      }
      const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();
      const step = (event: string, minutes: number): TouchpointInput => ({
        messageId: uniqueName('co'),
        type: 'track',
        event,
        channel: 'web',
        occurredAt: ago(minutes),
        identifiers: { email },
        properties: {},
      });
      await postBatch(system, [step('checkout_started', 30), step('shipping_info_added', 29), step('payment_info_added', 28)], service);
      const [dropoff] = await waitFor(
        async () => {
          const mine = received.filter((r) => r.customerId === id);
          return mine.length > 0 && mine;
        },
        60_000,
        'the drop-off webhook',
      );
      expect(dropoff).toMatchObject({ type: 'journey.dropoff', customerId: id, stepReached: 'payment_info_added', stepIndex: 2 });
      expect(dropoff).not.toHaveProperty('score');
      // The profile-update partner of the test above gets no drop-off.
      expect(webhooks.some((w) => w.type !== 'customer.updated')).toBe(false);
    } finally {
      dropHook.closeAllConnections();
      await new Promise((r) => dropHook.close(r));
    }
  });
});
